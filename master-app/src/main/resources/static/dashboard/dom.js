// Small DOM and formatting helpers shared by the views. No innerHTML anywhere: text from the API is always text.

/**
 * An element: h('td', {class: 'num', testid: 'count-dead', on: {click: fn}}, 'text', child, ...).
 * Properties other than class, testid, on and dataset become attributes; null, undefined and false are left out.
 */
export function h(tag, props = {}, ...children) {
	const element = document.createElement(tag);
	Object.entries(props || {}).forEach(([name, value]) => {
		if (value === null || value === undefined || value === false) {
			return;
		}
		if (name === 'class') {
			element.className = value;
		}
		else if (name === 'testid') {
			element.dataset.testid = value;
		}
		else if (name === 'dataset') {
			Object.assign(element.dataset, value);
		}
		else if (name === 'on') {
			Object.entries(value).forEach(([event, handler]) => element.addEventListener(event, handler));
		}
		else {
			element.setAttribute(name, (value === true) ? '' : value);
		}
	});
	append(element, children);
	return element;
}

function append(element, children) {
	children.flat(Infinity).forEach((child) => {
		if (child !== null && child !== undefined && child !== false) {
			element.append((child instanceof Node) ? child : String(child));
		}
	});
}

/** Replaces the children of an element. */
export function fill(element, ...children) {
	element.replaceChildren();
	append(element, children);
	return element;
}

/** A table with a header row and a body the view fills: returns {table, body}. */
export function table(testid, headers) {
	const body = h('tbody');
	const table = h('table', { testid }, h('thead', {}, h('tr', {}, headers.map((title) => h('th', {}, title)))), body);
	return { table, body };
}

/** A status word as a coloured badge (executions and chunks). */
export function badge(status, testid) {
	return h('span', { class: `badge status-${String(status).toLowerCase()}`, testid }, status);
}

export function link(href, text, testid) {
	return h('a', { href, testid }, text);
}

const pad = (n) => String(n).padStart(2, '0');

/** A time of the API (ISO, with or without offset) as local YYYY-MM-DD HH:MM:SS; '–' for none. */
export function time(value) {
	if (!value) {
		return '–';
	}
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) {
		return String(value);
	}
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
		+ `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Seconds as "1 h 02 min", "3 min 05 s", "12 s"; '–' for none. */
export function duration(seconds) {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
		return '–';
	}
	const s = Math.max(0, Math.round(seconds));
	if (s < 60) {
		return `${s} s`;
	}
	if (s < 3600) {
		return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
	}
	return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

/** Seconds between two API times (the second one defaults to now). */
export function between(start, end) {
	if (!start) {
		return null;
	}
	const to = end ? new Date(end) : new Date();
	return (to.getTime() - new Date(start).getTime()) / 1000;
}

export function number(value, digits = 0) {
	if (value === null || value === undefined || !Number.isFinite(Number(value))) {
		return '–';
	}
	return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Executions that are running: stop applies to these, restart and abandon to FAILED and STOPPED. */
export const RUNNING_STATUSES = ['STARTING', 'STARTED'];

export const RESTARTABLE_STATUSES = ['FAILED', 'STOPPED'];

export const BATCH_STATUSES = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'FAILED', 'COMPLETED', 'ABANDONED',
	'UNKNOWN'];
