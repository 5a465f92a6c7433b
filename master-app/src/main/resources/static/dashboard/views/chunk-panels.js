// The parts of the execution page about single chunks: the detail of one chunk (GET .../chunks/{index}) and the
// lists of the failed, dead or running ones (GET .../chunks?status=).

import { badge, fill, h, number, table, time } from '../dom.js';

export const LISTED_STATUSES = ['FAILED', 'DEAD', 'RUNNING'];

const LIST_SIZE = 100;

function error(lastError) {
	if (!lastError) {
		return '–';
	}
	return `${lastError.type}: ${lastError.message || ''} (attempt ${lastError.attempt} on ${lastError.workerId}, `
		+ `${time(lastError.at)})`;
}

/** The detail of one chunk: attempts, worker, timings, last error, skipped items. */
export function chunkDetail(chunk) {
	const rows = [
		['Status', badge(chunk.status, 'chunk-detail-status')],
		['Attempts', chunk.attempts],
		['Items', `${number(chunk.itemCount)} (read ${number(chunk.items.read)}, written `
			+ `${number(chunk.items.written)}, skipped ${number(chunk.items.skipped)})`],
		['Worker', chunk.workerId || '–'],
		['Created', time(chunk.createdAt)],
		['Started', time(chunk.startedAt)],
		['Finished', time(chunk.finishedAt)],
		['Lease expires', time(chunk.leaseExpiresAt)],
		['Last error', h('span', { class: 'error-text', testid: 'chunk-detail-error' }, error(chunk.lastError))],
	];
	const skips = (chunk.skips || []).map((skip) => h('li', {}, `${skip.position}: ${skip.type}: ${skip.message || ''}`));
	return h('div', { dataset: { index: String(chunk.index) } },
		h('h3', {}, `Chunk ${chunk.index}`),
		h('dl', { class: 'pairs' }, rows.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
		skips.length ? [h('h4', {}, `Skipped items (${skips.length})`), h('ul', { testid: 'chunk-detail-skips' }, skips)]
			: null);
}

/**
 * A list of the chunks in one status, refreshed by the page's tick while shown.
 * @param select called with a chunk index when a row is clicked
 */
export class ChunkList {

	constructor(api, executionId, select) {
		this.api = api;
		this.executionId = executionId;
		this.select = select;
		this.status = null;
		const { table: list, body } = table('chunk-list', ['Chunk', 'Status', 'Attempts', 'Worker', 'Started',
			'Finished', 'Last error']);
		this.body = body;
		this.caption = h('p', { class: 'muted', testid: 'chunk-list-caption' });
		this.element = h('div', { class: 'chunk-list', hidden: true }, this.caption, list);
	}

	/** Shows the chunks of that status, or hides the list for the status already shown. */
	toggle(status) {
		this.status = (this.status === status) ? null : status;
		this.element.hidden = !this.status;
		this.shown = null;
		fill(this.body);
		return this.refresh();
	}

	async refresh() {
		if (!this.status) {
			return;
		}
		const status = this.status;
		const page = await this.api.get(`/api/executions/${this.executionId}/chunks?status=${status}&size=${LIST_SIZE}`);
		const shown = JSON.stringify(page.chunks);
		if (status !== this.status || shown === this.shown) {
			return;
		}
		// Rows are replaced only when a chunk changed, so that a row being read or selected stays put.
		this.shown = shown;
		this.caption.textContent = (page.chunks.length === LIST_SIZE)
			? `The first ${LIST_SIZE} ${status} chunks` : `${page.chunks.length} ${status} chunk(s)`;
		fill(this.body, page.chunks.map((chunk) => h('tr', {
			testid: 'chunk-row', dataset: { index: String(chunk.index) }, class: 'clickable',
			on: { click: () => this.select(chunk.index) },
		},
		h('td', {}, chunk.index), h('td', {}, badge(chunk.status)), h('td', {}, chunk.attempts),
		h('td', {}, chunk.workerId || '–'), h('td', {}, time(chunk.startedAt)), h('td', {}, time(chunk.finishedAt)),
		h('td', { class: 'error-text', testid: 'chunk-row-error' }, error(chunk.lastError)))));
	}

}
