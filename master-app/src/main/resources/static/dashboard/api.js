// The master's REST API as the page calls it: HTTP Basic from the credentials kept in this tab's sessionStorage, and
// X-Requested-With so that a 401 carries no WWW-Authenticate (no native login prompt of the browser).

const STORAGE_KEY = 'chunking.dashboard.credentials';

/** An answer of the API other than 2xx, with its JSON error body ({error, message, parameter?}). */
export class ApiError extends Error {
	constructor(status, body) {
		super((body && body.message) || `HTTP ${status}`);
		this.status = status;
		this.code = body && body.error;
		this.parameter = body && (body.parameter || body.field);
	}
}

let unauthorized = () => {};

/** Called with the API's message when a request answers 401 (credentials refused or gone). */
export function onUnauthorized(handler) {
	unauthorized = handler;
}

export function credentials() {
	try {
		return JSON.parse(sessionStorage.getItem(STORAGE_KEY));
	}
	catch {
		return null;
	}
}

export function saveCredentials(user, password) {
	sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ user, password }));
}

export function clearCredentials() {
	sessionStorage.removeItem(STORAGE_KEY);
}

function basic({ user, password }) {
	const bytes = new TextEncoder().encode(`${user}:${password}`);
	let binary = '';
	bytes.forEach((b) => { binary += String.fromCharCode(b); });
	return `Basic ${btoa(binary)}`;
}

async function request(method, path, body) {
	const headers = { 'Accept': 'application/json', 'X-Requested-With': 'chunking-dashboard' };
	const login = credentials();
	if (login) {
		headers.Authorization = basic(login);
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(path, {
		method, headers, body: (body !== undefined) ? JSON.stringify(body) : undefined,
		credentials: 'omit', cache: 'no-store',
	});
	const text = await response.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	}
	catch {
		json = { message: text };
	}
	if (response.status === 401) {
		unauthorized((json && json.message) || 'The master refused the credentials');
	}
	if (!response.ok) {
		throw new ApiError(response.status, json);
	}
	return json;
}

export const api = {
	get: (path) => request('GET', path),
	post: (path, body) => request('POST', path, body),
};

/** A query string of the defined, non-empty values. */
export function query(params) {
	const search = new URLSearchParams();
	Object.entries(params).forEach(([name, value]) => {
		if (value !== undefined && value !== null && value !== '') {
			search.set(name, value);
		}
	});
	const text = search.toString();
	return text ? `?${text}` : '';
}
