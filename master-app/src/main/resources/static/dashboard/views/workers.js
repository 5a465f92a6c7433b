// Workers from their heartbeats, with a throughput the page measures from their chunks-done counters over the last
// 30 s, and the master's estimate of how many workers each job with queued work needs.

import { badge, between, duration, fill, h, number, table } from '../dom.js';

const WINDOW_MILLIS = 30_000;

export function workersView({ api }) {
	const { table: list, body } = table('workers-table', ['Worker', 'Host', 'Pid', 'Jobs', 'State', 'Heartbeat',
		'Chunks in hand', 'Chunks done', 'Chunks/min, last 30 s']);
	const advice = h('div', { testid: 'advice' });
	const element = h('section', { testid: 'workers-view' }, h('h1', {}, 'Workers'), list,
		h('h2', {}, 'Workers needed (an estimate)'), advice);
	const samples = new Map();

	function throughput(worker, now) {
		const kept = (samples.get(worker.id) || []).filter((s) => now - s.at <= WINDOW_MILLIS);
		kept.push({ at: now, done: worker.chunksDone });
		samples.set(worker.id, kept);
		const first = kept[0];
		return (kept.length < 2) ? null : (worker.chunksDone - first.done) * 60_000 / (now - first.at);
	}

	function renderWorkers(workers) {
		const now = Date.now();
		fill(body, workers.length ? workers.map((worker) => h('tr', { testid: 'worker-row', dataset: { id: worker.id } },
			h('td', {}, worker.id), h('td', {}, worker.host), h('td', {}, worker.pid), h('td', {}, worker.jobs.join(', ')),
			h('td', {}, badge(worker.state)), h('td', {}, `${duration(between(worker.lastHeartbeat))} ago`),
			h('td', {}, worker.chunksInHand.length ? worker.chunksInHand.join(', ') : '–'),
			h('td', {}, number(worker.chunksDone)), h('td', {}, number(throughput(worker, now), 1))))
			: h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No worker has sent a heartbeat.')));
	}

	function renderAdvice(entries) {
		fill(advice, entries.length ? h('ul', {}, entries.map((entry) => h('li', { testid: `advice-${entry.job}` },
			h('strong', {}, entry.job), `: ${number(entry.queuedChunks)} chunks queued, ${number(entry.runningChunks)} `
			+ `running, ${entry.workers} worker(s), ${number(entry.chunkSeconds, 1)} s per chunk. `,
			entry.advice, entry.estimate ? ' (estimate)' : '')))
			: h('p', { class: 'muted' }, 'No job has queued work.'));
	}

	async function refresh() {
		const [workers, entries] = await Promise.all([api.get('/api/workers'), api.get('/api/workers/advice')]);
		renderWorkers(workers);
		renderAdvice(entries);
	}

	return { element, refresh, dispose() {} };
}
