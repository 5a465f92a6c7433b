// Executions newest first, filtered by job and status, a page at a time. The list's summaries carry no chunk counts,
// so the progress of the running executions on the page comes from their own views (completed ones are at 100 %).

import { href } from '../router.js';
import { badge, BATCH_STATUSES, between, duration, fill, h, link, number, RUNNING_STATUSES, table, time }
	from '../dom.js';
import { query } from '../api.js';

const PAGE_SIZE = 20;

export function executionsView({ api, query: filters, navigate }) {
	const page = Math.max(0, Number.parseInt(filters.page || '0', 10) || 0);
	const jobSelect = h('select', { id: 'filter-job', testid: 'filter-job' }, h('option', { value: '' }, 'every job'));
	const statusSelect = h('select', { id: 'filter-status', testid: 'filter-status' },
		h('option', { value: '' }, 'every status'), BATCH_STATUSES.map((s) => h('option', { value: s }, s)));
	statusSelect.value = filters.status || '';
	const apply = (changes) => navigate(href('/executions', {
		job: jobSelect.value, status: statusSelect.value, page: 0, ...changes,
	}));
	jobSelect.addEventListener('change', () => apply({}));
	statusSelect.addEventListener('change', () => apply({}));
	const { table: list, body } = table('executions-table', ['Execution', 'Job', 'Status', 'Start', 'Duration',
		'Progress']);
	const pager = h('p', { class: 'pager', testid: 'pager' });
	const element = h('section', { testid: 'executions-view' }, h('h1', {}, 'Executions'),
		h('div', { class: 'filters' }, h('label', {}, 'Job ', jobSelect), h('label', {}, 'Status ', statusSelect)),
		list, pager);
	let jobsListed = false;

	async function listJobs() {
		const jobs = await api.get('/api/jobs');
		jobs.forEach((job) => jobSelect.append(h('option', { value: job.name }, job.name)));
		jobSelect.value = filters.job || '';
		jobsListed = true;
	}

	async function progressOf(execution) {
		if (execution.status === 'COMPLETED') {
			return 100;
		}
		if (!RUNNING_STATUSES.includes(execution.status)) {
			return null;
		}
		return (await api.get(`/api/executions/${execution.id}`)).progress;
	}

	function row(execution, progress) {
		return h('tr', { testid: 'execution-row', dataset: { id: String(execution.id) } },
			h('td', {}, link(`#/executions/${execution.id}`, `#${execution.id}`, `execution-link-${execution.id}`)),
			h('td', {}, execution.jobName), h('td', {}, badge(execution.status)), h('td', {}, time(execution.startTime)),
			h('td', {}, duration(between(execution.startTime, execution.endTime))),
			h('td', {}, (progress === null) ? '–' : `${number(progress, 1)} %`));
	}

	async function refresh() {
		if (!jobsListed) {
			await listJobs();
		}
		const found = await api.get(`/api/executions${query({ jobName: filters.job, status: filters.status, page,
			size: PAGE_SIZE })}`);
		const progress = await Promise.all(found.executions.map(progressOf));
		fill(body, found.executions.length ? found.executions.map((execution, i) => row(execution, progress[i]))
			: h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No execution matches.')));
		const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
		fill(pager,
			h('button', { type: 'button', testid: 'page-previous', disabled: page === 0,
				on: { click: () => apply({ page: page - 1 }) } }, '‹ Newer'),
			` page ${page + 1} of ${pages} (${number(found.total)} executions) `,
			h('button', { type: 'button', testid: 'page-next', disabled: page + 1 >= pages,
				on: { click: () => apply({ page: page + 1 }) } }, 'Older ›'));
	}

	return { element, refresh, dispose() {} };
}
