package io.chunking.master.batch;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.chunking.master.manager.RunParameters;

/**
 * Lists executions from the job repository's tables with one query per page, newest first. Spring Batch's
 * {@code JobRepository} can only list instances of one job and loads every step execution of each execution it
 * returns; this reads one row per execution.
 */
@Component
public class ExecutionQueries {

	/** Spring Batch's default table prefix, used when spring.batch.jdbc.table-prefix is not set. */
	static final String DEFAULT_TABLE_PREFIX = "BATCH_";

	private final JdbcTemplate jdbc;

	private final String prefix;

	ExecutionQueries(JdbcTemplate jdbc, BatchJdbcProperties properties) {
		this.jdbc = jdbc;
		this.prefix = (properties.getTablePrefix() != null) ? properties.getTablePrefix() : DEFAULT_TABLE_PREFIX;
	}

	/** One execution as listed. */
	public record ExecutionSummary(long id, String jobName, long jobInstanceId, String status, String exitCode,
			@Nullable LocalDateTime createTime, @Nullable LocalDateTime startTime, @Nullable LocalDateTime endTime) {
	}

	/** A page of executions and how many match in all. */
	public record ExecutionPage(long total, List<ExecutionSummary> executions) {
	}

	/**
	 * @param jobName only executions of this job, or all if {@code null}
	 * @param status only executions in this status, or all if {@code null}
	 */
	public ExecutionPage find(@Nullable String jobName, @Nullable BatchStatus status, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> arguments = new ArrayList<>();
		if (jobName != null) {
			where.append(" AND I.JOB_NAME = ?");
			arguments.add(jobName);
		}
		if (status != null) {
			where.append(" AND E.STATUS = ?");
			arguments.add(status.name());
		}
		String from = " FROM " + this.prefix + "JOB_EXECUTION E JOIN " + this.prefix
				+ "JOB_INSTANCE I ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID" + where;
		Long total = this.jdbc.queryForObject("SELECT COUNT(*)" + from, Long.class, arguments.toArray());
		List<Object> pageArguments = new ArrayList<>(arguments);
		pageArguments.add(size);
		pageArguments.add((long) page * size);
		List<ExecutionSummary> executions = this.jdbc.query("SELECT E.JOB_EXECUTION_ID, I.JOB_NAME, "
				+ "I.JOB_INSTANCE_ID, E.STATUS, E.EXIT_CODE, E.CREATE_TIME, E.START_TIME, E.END_TIME" + from
				+ " ORDER BY E.JOB_EXECUTION_ID DESC LIMIT ? OFFSET ?",
				(rs, row) -> new ExecutionSummary(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
						rs.getString(5), time(rs.getTimestamp(6)), time(rs.getTimestamp(7)),
						time(rs.getTimestamp(8))),
				pageArguments.toArray());
		return new ExecutionPage((total != null) ? total : 0, executions);
	}

	/**
	 * The latest execution of each instance of {@code jobName} whose {@value RunParameters#RUN_ID} is {@code runId},
	 * oldest instance first: none or one, unless instances with other arguments were given the same run id. Reads
	 * the parameters table, which Spring Batch's schema does not index by value.
	 */
	public List<Long> latestExecutionsWithRunId(String jobName, String runId) {
		return this.jdbc.queryForList("SELECT MAX(E.JOB_EXECUTION_ID) FROM " + this.prefix + "JOB_EXECUTION_PARAMS P"
				+ " JOIN " + this.prefix + "JOB_EXECUTION E ON P.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID JOIN "
				+ this.prefix + "JOB_INSTANCE I ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID"
				+ " WHERE I.JOB_NAME = ? AND P.PARAMETER_NAME = ? AND P.PARAMETER_VALUE = ?"
				+ " GROUP BY E.JOB_INSTANCE_ID ORDER BY E.JOB_INSTANCE_ID", Long.class, jobName, RunParameters.RUN_ID,
				runId);
	}

	private static @Nullable LocalDateTime time(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

}
