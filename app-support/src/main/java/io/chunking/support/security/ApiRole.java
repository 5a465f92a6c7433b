package io.chunking.support.security;

/**
 * Roles of API users. A {@link #VIEWER} may query; an {@link #OPERATOR} may also trigger jobs, control executions
 * and pause or resume schedules.
 */
public enum ApiRole {

	/** Read-only: jobs, executions, chunks, workers, schedules, metrics. */
	VIEWER,

	/** Everything a viewer may do, plus triggering and control. */
	OPERATOR

}
