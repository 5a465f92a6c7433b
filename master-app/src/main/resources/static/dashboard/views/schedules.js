// Cron schedules: cron, zone, next and last fire time, last execution; operators pause and resume them.

import { badge, fill, h, link, table, time } from '../dom.js';

export function schedulesView({ api, operator, confirm }) {
	const { table: list, body } = table('schedules-table', ['Schedule', 'Job', 'Cron', 'Zone', 'Parameters', 'State',
		'Next fire', 'Last fire', 'Last execution', '']);
	const message = h('p', { class: 'error', testid: 'schedule-message', hidden: true });
	const element = h('section', { testid: 'schedules-view' }, h('h1', {}, 'Schedules'), message, list);

	async function toggle(schedule) {
		const action = schedule.paused ? 'resume' : 'pause';
		const question = schedule.paused ? `Resume ${schedule.name}? Fire times passed while paused are not caught up.`
			: `Pause ${schedule.name} on every master?`;
		if (!(await confirm(question))) {
			return;
		}
		try {
			await api.post(`/api/schedules/${encodeURIComponent(schedule.name)}/${action}`);
			message.hidden = true;
			await refresh();
		}
		catch (error) {
			message.textContent = `Could not ${action} ${schedule.name}: ${error.message}`;
			message.hidden = false;
		}
	}

	function row(schedule) {
		const parameters = Object.entries(schedule.parameters || {}).map(([k, v]) => `${k}=${v}`).join(' ');
		return h('tr', { testid: 'schedule-row', dataset: { name: schedule.name } },
			h('td', {}, schedule.name), h('td', {}, schedule.job), h('td', {}, h('code', {}, schedule.cron)),
			h('td', {}, schedule.zone), h('td', {}, parameters || '–'),
			h('td', {}, badge(schedule.paused ? 'PAUSED' : 'ACTIVE')), h('td', {}, time(schedule.nextFireTime)),
			h('td', {}, time(schedule.lastFireTime)),
			h('td', {}, schedule.lastExecutionId ? link(`#/executions/${schedule.lastExecutionId}`,
				`#${schedule.lastExecutionId}`) : '–'),
			h('td', {}, operator ? h('button', { type: 'button', testid: `schedule-toggle-${schedule.name}`,
				on: { click: () => toggle(schedule) } }, schedule.paused ? 'Resume' : 'Pause') : null));
	}

	async function refresh() {
		const schedules = await api.get('/api/schedules');
		fill(body, schedules.length ? schedules.map(row)
			: h('tr', {}, h('td', { colspan: 10, class: 'muted' }, 'No cron schedule is configured.')));
	}

	return { element, refresh, dispose() {} };
}
