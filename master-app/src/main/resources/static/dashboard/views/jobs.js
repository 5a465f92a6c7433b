// Named jobs: description, parameters, schedule, last execution, and (for operators) a trigger form generated from
// the parameter declarations, checked here before it is sent and by the API after.

import { ApiError } from '../api.js';
import { badge, fill, h, link, number, table, time } from '../dom.js';

const INTEGER = /^[+-]?\d+$/;
const INT_LIST = /^\s*(\d+\s*(,\s*\d+\s*)*)?$/;

/** What is wrong with a value of a parameter declaration, or null; an empty value takes the default. */
export function invalid(spec, value) {
	if (value === '') {
		return (spec.required && spec.defaultValue === null) ? 'required' : null;
	}
	if (spec.type === 'LONG' || spec.type === 'DOUBLE') {
		const numeric = Number(value);
		if ((spec.type === 'LONG' && !INTEGER.test(value)) || !Number.isFinite(numeric) || value.trim() === '') {
			return `must be ${spec.type === 'LONG' ? 'a whole number' : 'a number'}`;
		}
		if ((spec.min !== null && numeric < spec.min) || (spec.max !== null && numeric > spec.max)) {
			return `must be between ${spec.min ?? 'unbounded'} and ${spec.max ?? 'unbounded'}`;
		}
	}
	if (spec.type === 'INT_LIST' && !INT_LIST.test(value)) {
		return 'must be comma-separated whole numbers, e.g. 3,17';
	}
	return null;
}

function range(spec) {
	if (spec.min === null && spec.max === null) {
		return '–';
	}
	return `${number(spec.min ?? -Infinity, 6)} … ${number(spec.max ?? Infinity, 6)}`;
}

function parameterTable(job) {
	const { table: parameters, body } = table(`parameters-${job.name}`, ['Parameter', 'Type', 'Default', 'Range',
		'Description']);
	fill(body, job.parameters.map((spec) => h('tr', {},
		h('td', {}, h('code', {}, spec.name), spec.required ? ' (required)' : ''), h('td', {}, spec.type.toLowerCase()),
		h('td', {}, (spec.defaultValue === null || spec.defaultValue === '') ? '–' : spec.defaultValue),
		h('td', {}, range(spec)), h('td', {}, spec.description))));
	return parameters;
}

/** The trigger form of one job: a field per parameter, its error beside it, the API's other errors on top. */
function triggerForm(api, job, navigate) {
	const formError = h('p', { class: 'error', testid: `trigger-error-${job.name}`, hidden: true });
	const inputs = {};
	const errors = {};
	const rows = job.parameters.map((spec) => {
		inputs[spec.name] = h('input', {
			id: `param-${job.name}-${spec.name}`, name: spec.name, testid: `param-${spec.name}`,
			placeholder: spec.defaultValue || '', autocomplete: 'off',
		});
		errors[spec.name] = h('span', { class: 'field-error', testid: `param-error-${spec.name}`, hidden: true });
		return h('label', { class: 'field' }, h('span', {}, spec.name), inputs[spec.name], errors[spec.name]);
	});
	const show = (name, text) => {
		errors[name].textContent = text || '';
		errors[name].hidden = !text;
		inputs[name].classList.toggle('invalid', Boolean(text));
	};
	const submit = async (event) => {
		event.preventDefault();
		formError.hidden = true;
		const parameters = {};
		let valid = true;
		job.parameters.forEach((spec) => {
			const value = inputs[spec.name].value.trim();
			const problem = invalid(spec, value);
			show(spec.name, problem);
			valid = valid && !problem;
			if (value !== '') {
				parameters[spec.name] = value;
			}
		});
		if (!valid) {
			return;
		}
		try {
			const answer = await api.post(`/api/jobs/${encodeURIComponent(job.name)}/executions`, { parameters });
			navigate(`#/executions/${answer.executionId}`);
		}
		catch (error) {
			if (error instanceof ApiError && error.parameter && errors[error.parameter]) {
				show(error.parameter, error.message);
			}
			else {
				formError.textContent = error.message;
				formError.hidden = false;
			}
		}
	};
	return h('form', { class: 'trigger', testid: `trigger-form-${job.name}`, novalidate: true, on: { submit } },
		h('h3', {}, 'Run'), formError, h('div', { class: 'fields' }, rows),
		h('p', { class: 'muted' }, 'Empty fields take their default.'),
		h('button', { type: 'submit', testid: `trigger-${job.name}` }, `Run ${job.name}`));
}

export function jobsView({ api, operator, navigate }) {
	const element = h('section', { testid: 'jobs-view' }, h('h1', {}, 'Jobs'));
	const lastExecutions = {};
	let names = null;

	function lastExecution(job) {
		const last = job.lastExecution;
		return last ? [link(`#/executions/${last.id}`, `#${last.id}`), ' ', badge(last.status), ` ${time(last.startTime)}`]
			: 'never run';
	}

	function build(jobs) {
		fill(element, h('h1', {}, 'Jobs'), jobs.map((job) => {
			lastExecutions[job.name] = h('span', { testid: `last-execution-${job.name}` }, lastExecution(job));
			return h('article', { class: 'job', id: `job-${job.name}`, testid: `job-${job.name}` },
				h('h2', {}, job.name), h('p', {}, job.description || h('span', { class: 'muted' }, 'no description')),
				h('dl', { class: 'pairs' }, h('dt', {}, 'Schedule'), h('dd', {}, job.schedule || 'none'),
					h('dt', {}, 'Last execution'), h('dd', {}, lastExecutions[job.name])),
				parameterTable(job), operator ? triggerForm(api, job, navigate) : null);
		}));
	}

	async function refresh() {
		const jobs = await api.get('/api/jobs');
		const current = jobs.map((job) => job.name).join('\n');
		if (current !== names) {
			names = current;
			build(jobs);
			return;
		}
		// Only the last executions change; the forms keep what is being typed.
		jobs.forEach((job) => fill(lastExecutions[job.name], lastExecution(job)));
	}

	return { element, refresh, dispose() {} };
}
