// Hash routes: #/jobs, #/executions?job=&status=&page=&size=, #/executions/{id}, #/workers, #/schedules.

const ROUTES = [
	{ pattern: /^\/jobs$/, view: 'jobs' },
	{ pattern: /^\/executions$/, view: 'executions' },
	{ pattern: /^\/executions\/(\d+)$/, view: 'execution', names: ['id'] },
	{ pattern: /^\/workers$/, view: 'workers' },
	{ pattern: /^\/schedules$/, view: 'schedules' },
];

export const DEFAULT_ROUTE = '#/jobs';

/** The view a hash names, with its path parameters and query; null for an unknown hash. */
export function resolve(hash) {
	const [path, search = ''] = (hash || DEFAULT_ROUTE).replace(/^#/, '').split('?');
	for (const route of ROUTES) {
		const match = route.pattern.exec(path);
		if (match) {
			const params = {};
			(route.names || []).forEach((name, i) => { params[name] = match[i + 1]; });
			return { view: route.view, params, query: Object.fromEntries(new URLSearchParams(search)) };
		}
	}
	return null;
}

/** The hash of a view with a query of the non-empty values. */
export function href(path, query = {}) {
	const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
	const text = search.toString();
	return `#${path}${text ? `?${text}` : ''}`;
}
