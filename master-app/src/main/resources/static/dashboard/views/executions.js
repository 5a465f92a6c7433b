// Executions newest first, filtered by job and status, a page at a time, each with its progress and chunk counts as
// the list answers them (one request per tick, however many executions are running).

import { href } from '../router.js';
import { badge, BATCH_STATUSES, between, duration, fill, h, link, number, table, time } from '../dom.js';
import { query } from '../api.js';

const PAGE_SIZE = 20;

const MAX_PAGE_SIZE = 100;

export function executionsView({ api, query: filters, navigate }) {
	const page = Math.max(0, Number.parseInt(filters.page || '0', 10) || 0);
	const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(filters.size || '', 10) || PAGE_SIZE));
	const jobSelect = h('select', { id: 'filter-job', testid: 'filter-job' }, h('option', { value: '' }, 'every job'));
	const statusSelect = h('select', { id: 'filter-status', testid: 'filter-status' },
		h('option', { value: '' }, 'every status'), BATCH_STATUSES.map((s) => h('option', { value: s }, s)));
	statusSelect.value = filters.status || '';
	const apply = (changes) => navigate(href('/executions', {
		job: jobSelect.value, status: statusSelect.value, page: 0, size: (size !== PAGE_SIZE) ? size : '', ...changes,
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

	/** Percent done, and chunks done (succeeded or dead) of all, with the dead and failed ones if any. */
	function progress(execution) {
		const { chunks } = execution;
		if (!chunks) {
			return h('td', { testid: 'execution-progress', class: 'muted' }, 'chunk ledger unavailable');
		}
		const trouble = [chunks.dead && `${number(chunks.dead)} dead`,
			chunks.failed && `${number(chunks.failed)} failed`].filter(Boolean);
		const done = `${number(chunks.succeeded + chunks.dead)} of ${number(chunks.total)} chunks`;
		return h('td', { testid: 'execution-progress' }, `${number(execution.progress, 1)} %`,
			h('span', { class: 'muted' }, ` · ${done}${trouble.length ? `, ${trouble.join(', ')}` : ''}`));
	}

	function row(execution) {
		const dataset = { id: String(execution.id), status: execution.status };
		return h('tr', { testid: 'execution-row', dataset },
			h('td', {}, link(`#/executions/${execution.id}`, `#${execution.id}`, `execution-link-${execution.id}`)),
			h('td', {}, execution.jobName), h('td', {}, badge(execution.status)), h('td', {}, time(execution.startTime)),
			h('td', {}, duration(between(execution.startTime, execution.endTime))), progress(execution));
	}

	async function refresh() {
		if (!jobsListed) {
			await listJobs();
		}
		const found = await api.get(`/api/executions${query({ jobName: filters.job, status: filters.status, page,
			size })}`);
		fill(body, found.executions.length ? found.executions.map(row)
			: h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No execution matches.')));
		const pages = Math.max(1, Math.ceil(found.total / size));
		fill(pager,
			h('button', { type: 'button', testid: 'page-previous', disabled: page === 0,
				on: { click: () => apply({ page: page - 1 }) } }, '‹ Newer'),
			` page ${page + 1} of ${pages} (${number(found.total)} executions) `,
			h('button', { type: 'button', testid: 'page-next', disabled: page + 1 >= pages,
				on: { click: () => apply({ page: page + 1 }) } }, 'Older ›'));
	}

	return { element, refresh, dispose() {} };
}
