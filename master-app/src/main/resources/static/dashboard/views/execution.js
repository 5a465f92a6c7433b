// One execution, live: status, progress, chunk counts, items/s, ETA, result, exit description, the chunk map with
// the detail of the chunk under the pointer, lists of failed, dead and running chunks, and the controls.
// Each tick asks for the execution and its chunk map (and the open chunk list); a chunk's detail is asked for only
// when the pointer rests on it or it is clicked.

import { ChunkMap, STATUSES } from '../chunk-map.js';
import { badge, between, duration, fill, h, link, number, RESTARTABLE_STATUSES, RUNNING_STATUSES, time }
	from '../dom.js';
import { ChunkList, chunkDetail, LISTED_STATUSES } from './chunk-panels.js';

const HOVER_DELAY_MILLIS = 250;

const COUNTS = ['pending', 'running', 'succeeded', 'failed', 'dead', 'total'];

const CONTROLS = [
	{ action: 'stop', label: 'Stop', allowed: RUNNING_STATUSES,
		question: (id) => `Stop execution ${id}? Running chunks finish, no new ones start; it can be restarted.` },
	{ action: 'restart', label: 'Restart', allowed: RESTARTABLE_STATUSES,
		question: (id) => `Restart execution ${id}? Only the chunks that did not succeed run again.` },
	{ action: 'abandon', label: 'Abandon', allowed: RESTARTABLE_STATUSES,
		question: (id) => `Abandon execution ${id} for good? It can never be restarted.` },
];

export function executionView({ api, operator, params, confirm, navigate }) {
	const id = params.id;
	const viewStart = performance.now();
	const field = (testid) => h('dd', { testid }, '–');
	const fields = {};
	COUNTS.forEach((name) => { fields[name] = field(`count-${name}`); });
	['recent', 'average', 'eta', 'read', 'written', 'skipped', 'start', 'end', 'duration'].forEach((name) => {
		fields[name] = field(`execution-${name}`);
	});

	const status = h('span', { testid: 'execution-status' });
	const title = h('h1', {}, `Execution ${id}`);
	const job = h('p', { class: 'muted', testid: 'execution-job' });
	const message = h('p', { class: 'error', testid: 'control-message', hidden: true });
	const buttons = CONTROLS.map((control) => h('button', {
		type: 'button', id: `${control.action}-button`, testid: `${control.action}-button`, disabled: true,
		class: (control.action === 'stop' || control.action === 'abandon') ? 'danger' : null,
		on: { click: () => act(control) },
	}, control.label));
	const bar = h('div', { class: 'bar' });
	const progressText = h('span', { testid: 'progress-text' });
	const result = h('dl', { class: 'pairs', testid: 'result' });
	const exit = h('pre', { class: 'exit', testid: 'exit-description' });
	const parameters = h('dl', { class: 'pairs', testid: 'execution-parameters' });
	const legend = h('ul', { class: 'legend', testid: 'chunk-legend' });
	const canvas = h('canvas', { id: 'chunk-map', testid: 'chunk-map' });
	const tooltip = h('div', { class: 'tooltip', testid: 'chunk-tooltip', hidden: true });
	const detail = h('aside', { class: 'chunk-detail', testid: 'chunk-detail' },
		h('p', { class: 'muted' }, 'Point at a chunk of the map, or click it, to see its attempts and errors.'));
	const mapBox = h('div', { class: 'map-box' }, canvas, tooltip);
	const map = new ChunkMap(canvas, viewStart);
	const list = new ChunkList(api, id, (index) => showChunk(index));
	const filters = LISTED_STATUSES.map((name) => h('button', {
		type: 'button', testid: `chunk-filter-${name}`, on: { click: () => list.toggle(name) },
	}, name));

	const element = h('section', { class: 'execution', testid: 'execution-view', dataset: { executionId: id } },
		h('div', { class: 'heading' }, h('div', {}, title, job), status,
			operator ? h('div', { class: 'controls', testid: 'controls' }, buttons) : null),
		message,
		h('div', { class: 'progress', testid: 'progress' }, bar), progressText,
		h('div', { class: 'cards' },
			h('div', { class: 'card' }, h('h2', {}, 'Chunks'), h('dl', { class: 'pairs' },
				COUNTS.map((name) => [h('dt', {}, name), fields[name]]))),
			h('div', { class: 'card' }, h('h2', {}, 'Throughput'), h('dl', { class: 'pairs' },
				h('dt', {}, 'items/s, recent'), fields.recent, h('dt', {}, 'items/s, average'), fields.average,
				h('dt', {}, 'ETA'), fields.eta)),
			h('div', { class: 'card' }, h('h2', {}, 'Items'), h('dl', { class: 'pairs' },
				h('dt', {}, 'read'), fields.read, h('dt', {}, 'written'), fields.written,
				h('dt', {}, 'skipped'), fields.skipped)),
			h('div', { class: 'card' }, h('h2', {}, 'Time'), h('dl', { class: 'pairs' },
				h('dt', {}, 'start'), fields.start, h('dt', {}, 'end'), fields.end,
				h('dt', {}, 'duration'), fields.duration))),
		h('div', { class: 'cards' },
			h('div', { class: 'card' }, h('h2', {}, 'Result'), result),
			h('div', { class: 'card wide' }, h('h2', {}, 'Exit description'), exit)),
		h('h2', {}, 'Chunk map'), legend,
		h('div', { class: 'map-layout' }, mapBox, detail),
		h('div', { class: 'filters' }, h('span', { class: 'muted' }, 'List chunks: '), filters), list.element,
		h('h2', {}, 'Parameters'), parameters);

	let hoverTimer = null;
	let shownChunk = null;
	let pinned = false;

	function render(execution) {
		element.dataset.status = execution.status;
		fill(status, badge(execution.status));
		fill(job, link(`#/executions?job=${encodeURIComponent(execution.jobName)}`, execution.jobName),
			` · instance ${execution.jobInstanceId}`, execution.schedule ? ` · schedule ${execution.schedule}` : '');
		buttons.forEach((button, i) => { button.disabled = !CONTROLS[i].allowed.includes(execution.status); });
		bar.style.width = `${Math.min(100, execution.progress)}%`;
		progressText.textContent = `${number(execution.progress, 1)} % of the chunks done`;
		COUNTS.forEach((name) => { fields[name].textContent = number(execution.chunks[name]); });
		const rates = execution.rates || {};
		fields.recent.textContent = number(rates.recentItemsPerSecond, 1);
		fields.average.textContent = number(rates.averageItemsPerSecond ?? execution.itemsPerSecond, 1);
		fields.eta.textContent = (rates.etaSeconds !== null && rates.etaSeconds !== undefined)
			? `about ${duration(rates.etaSeconds)}` : '–';
		['read', 'written', 'skipped'].forEach((name) => { fields[name].textContent = number(execution.items[name]); });
		fields.start.textContent = time(execution.startTime);
		fields.end.textContent = time(execution.endTime);
		fields.duration.textContent = duration(between(execution.startTime, execution.endTime));
		const entries = Object.entries(execution.result || {});
		fill(result, entries.length ? entries.map(([name, value]) => [h('dt', {}, name),
			h('dd', { testid: `result-${name}` }, typeof value === 'object' ? JSON.stringify(value) : String(value))])
			: h('dd', { class: 'muted' }, 'none yet'));
		exit.textContent = execution.exitDescription || `${execution.exitCode}`;
		fill(parameters, Object.entries(execution.parameters || {}).map(([name, value]) =>
			[h('dt', {}, name), h('dd', {}, value)]));
	}

	function renderMap(chunkMap) {
		fill(legend, STATUSES.filter((s) => s.code !== '-' || chunkMap.statuses.includes('-')).map((s) => {
			const swatch = h('span', { class: 'swatch' });
			swatch.style.backgroundColor = `rgb(${s.color.join(',')})`;
			const count = (chunkMap.counts || {})[s.name];
			return h('li', { testid: `legend-${s.code === '-' ? 'unsliced' : s.name}` }, swatch,
				`${s.name.toLowerCase()}${(count !== undefined) ? ` ${number(count)}` : ''}`);
		}));
		map.update(chunkMap.statuses, mapBox.clientWidth);
	}

	async function showChunk(index) {
		shownChunk = index;
		try {
			const chunk = await api.get(`/api/executions/${id}/chunks/${index}`);
			if (shownChunk === index) {
				fill(detail, chunkDetail(chunk));
			}
		}
		catch (error) {
			fill(detail, h('p', { class: 'error' }, `Chunk ${index}: ${error.message}`));
		}
	}

	function chunksAt(event) {
		return map.chunksAt(event.offsetX, event.offsetY);
	}

	canvas.addEventListener('mousemove', (event) => {
		const cell = chunksAt(event);
		clearTimeout(hoverTimer);
		tooltip.hidden = !cell;
		if (!cell) {
			return;
		}
		tooltip.textContent = (cell.first === cell.last) ? `Chunk ${cell.first}: ${cell.status}`
			: `Chunks ${cell.first}–${cell.last}: ${cell.status} (the most urgent status among them)`;
		tooltip.style.left = `${event.offsetX + 12}px`;
		tooltip.style.top = `${event.offsetY + 12}px`;
		if (!pinned && cell.index !== shownChunk) {
			hoverTimer = setTimeout(() => showChunk(cell.index), HOVER_DELAY_MILLIS);
		}
	});
	canvas.addEventListener('mouseleave', () => {
		clearTimeout(hoverTimer);
		tooltip.hidden = true;
	});
	canvas.addEventListener('click', (event) => {
		const cell = chunksAt(event);
		if (cell) {
			pinned = true;
			showChunk(cell.index);
		}
	});
	const resize = new ResizeObserver(() => {
		if (map.statuses !== null) {
			map.update(map.statuses, mapBox.clientWidth);
		}
	});
	resize.observe(mapBox);

	async function act(control) {
		if (!(await confirm(control.question(id)))) {
			return;
		}
		message.hidden = true;
		try {
			const answer = await api.post(`/api/executions/${id}/${control.action}`);
			if (control.action === 'restart') {
				navigate(`#/executions/${answer.executionId}`);
				return;
			}
			await refresh();
		}
		catch (error) {
			message.textContent = `${control.label} refused: ${error.message}`;
			message.hidden = false;
		}
	}

	async function refresh() {
		const [execution, chunkMap] = await Promise.all([api.get(`/api/executions/${id}`),
			api.get(`/api/executions/${id}/chunk-map`), list.refresh()]);
		render(execution);
		renderMap(chunkMap);
	}

	function dispose() {
		clearTimeout(hoverTimer);
		resize.disconnect();
	}

	return { element, refresh, dispose };
}
