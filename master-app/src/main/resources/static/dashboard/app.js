// The dashboard's shell: log in, route hash changes to one view at a time, and poll that view every 2 s while the
// tab is visible. A view is {element, refresh(): Promise, dispose()}; it asks the API once per tick for what it
// shows, and a tick is skipped while its previous refresh is still waiting for an answer.

import { api, ApiError, clearCredentials, credentials, onUnauthorized, saveCredentials } from './api.js';
import { DEFAULT_ROUTE, resolve } from './router.js';
import { fill } from './dom.js';
import { jobsView } from './views/jobs.js';
import { executionsView } from './views/executions.js';
import { executionView } from './views/execution.js';
import { workersView } from './views/workers.js';
import { schedulesView } from './views/schedules.js';

const POLL_MILLIS = 2000;

const VIEWS = { jobs: jobsView, executions: executionsView, execution: executionView, workers: workersView,
	schedules: schedulesView };

const $ = (id) => document.getElementById(id);

let me = null;
let current = null;
let timer = null;

function showLogin(message) {
	disposeView();
	me = null;
	document.body.dataset.role = '';
	$('nav').hidden = true;
	$('session').hidden = true;
	$('banner').hidden = true;
	$('login').hidden = false;
	$('login-message').hidden = !message;
	$('login-message').textContent = message || '';
	$('login-password').value = '';
	$('login-user').focus();
}

async function logIn(event) {
	event.preventDefault();
	saveCredentials($('login-user').value.trim(), $('login-password').value);
	await enter();
}

/** Checks the stored credentials with GET /api/me, then shows the view of the current hash. */
async function enter() {
	try {
		me = await api.get('/api/me');
	}
	catch (error) {
		clearCredentials();
		if (error instanceof ApiError) {
			showLogin((error.status === 401) ? 'Wrong user or password.' : error.message);
		}
		else {
			showLogin(`The master could not be reached: ${error.message}`);
		}
		return;
	}
	document.body.dataset.role = me.operator ? 'operator' : 'viewer';
	$('login').hidden = true;
	$('nav').hidden = false;
	$('session').hidden = false;
	$('session-user').textContent = `${me.user} (${me.operator ? 'operator' : 'viewer'})`;
	route();
}

function disposeView() {
	clearTimeout(timer);
	if (current) {
		current.view.dispose();
		current = null;
	}
	fill($('view'));
}

function route() {
	if (!me) {
		return;
	}
	const target = resolve(location.hash);
	if (!target) {
		location.hash = DEFAULT_ROUTE;
		return;
	}
	disposeView();
	document.querySelectorAll('#nav a').forEach((a) => {
		a.classList.toggle('active', location.hash.startsWith(a.getAttribute('href')));
	});
	const context = { api, operator: me.operator, params: target.params, query: target.query, confirm, navigate };
	current = { view: VIEWS[target.view](context), busy: false };
	fill($('view'), current.view.element);
	tick(current);
}

function navigate(hash) {
	location.hash = hash;
}

/** Refreshes the view now, then again 2 s after its answer, while it is the current view and the tab is visible. */
async function tick(shown) {
	if (shown !== current || shown.busy) {
		return;
	}
	clearTimeout(timer);
	if (!document.hidden) {
		shown.busy = true;
		try {
			await shown.view.refresh();
			$('banner').hidden = true;
		}
		catch (error) {
			if (!(error instanceof ApiError && error.status === 401)) {
				$('banner').textContent = `Could not refresh: ${error.message}`;
				$('banner').hidden = false;
			}
		}
		finally {
			shown.busy = false;
		}
	}
	if (shown === current) {
		timer = setTimeout(() => tick(shown), POLL_MILLIS);
	}
}

/** Asks before an action with a modal dialog; resolves true if confirmed. */
function confirm(message) {
	const dialog = $('confirm-dialog');
	$('confirm-message').textContent = message;
	return new Promise((resolveAnswer) => {
		dialog.addEventListener('close', () => resolveAnswer(dialog.returnValue === 'ok'), { once: true });
		dialog.returnValue = '';
		dialog.showModal();
	});
}

onUnauthorized((message) => {
	if (me) {
		clearCredentials();
		showLogin(`Logged out: ${message}`);
	}
});

$('login-form').addEventListener('submit', logIn);
$('logout').addEventListener('click', () => {
	clearCredentials();
	showLogin('Logged out.');
});
window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => {
	if (!document.hidden && current) {
		tick(current);
	}
});

if (credentials()) {
	enter();
}
else {
	showLogin();
}
