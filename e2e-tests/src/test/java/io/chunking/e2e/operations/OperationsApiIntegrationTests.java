package io.chunking.e2e.operations;

import static io.chunking.testing.ChunkingAssertions.assertExactResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.Prometheus;
import tools.jackson.core.type.TypeReference;

/**
 * The operations surface over HTTP against the master and worker processes of {@link ClusterExtension#shared()}:
 * authentication and roles, execution queries, and stop, restart and abandon with the status conflicts each one
 * refuses.
 */
class OperationsApiIntegrationTests {

	private static final String WORKER = ClusterExtension.SHARED_WORKER;

	private static final String MASTER = ChunkingCluster.MASTER;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.shared();

	@Test
	void apiNeedsCredentialsAndTriggeringNeedsTheOperatorRole() throws Exception {
		ChunkingCluster.Response anonymous = cluster.send("GET", "/api/jobs", null, null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.body().get("error")).isEqualTo("unauthorized");
		assertThat(cluster.send("GET", "/actuator/health", null, null).status()).as("health stays open")
			.isEqualTo(200);
		assertThat(cluster.send("GET", "/actuator/info", null, null).status()).isEqualTo(401);
		assertThat(cluster.send("GET", "/api/jobs", null, "nobody").status()).as("unknown user").isEqualTo(401);

		assertThat(cluster.send("GET", "/api/jobs", null, ChunkingCluster.VIEWER).status()).isEqualTo(200);
		assertThat(cluster.send("GET", "/api/executions", null, ChunkingCluster.VIEWER).status()).isEqualTo(200);
		assertThat(cluster.send("GET", "/api/workers", null, ChunkingCluster.VIEWER).status()).isEqualTo(200);
		ChunkingCluster.Response forbidden = cluster.send("POST", "/api/jobs/demo-checksum/executions",
				"{\"parameters\":{}}", ChunkingCluster.VIEWER);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.body().get("error")).isEqualTo("forbidden");
		assertThat((String) forbidden.body().get("message")).contains("viewer").contains("OPERATOR");
		assertThat(cluster.send("POST", "/api/executions/1/stop", null, ChunkingCluster.VIEWER).status())
			.isEqualTo(403);
		assertThat(cluster.log("master")).as("no password in the master's log")
			.doesNotContain(ChunkingCluster.PASSWORD);
	}

	@Test
	void theDashboardPageIsServedToAnyoneWithAStrictContentSecurityPolicy() throws Exception {
		for (String path : List.of("/", "/index.html")) {
			java.net.http.HttpResponse<String> page = exchange(cluster.request(path, null, null).GET().build());
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValue("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
						+ "connect-src 'self'; frame-ancestors 'none'");
			assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
		assertThat(exchange(cluster.request("/dashboard/missing.js", null, null).GET().build()).statusCode())
			.as("a missing asset").isEqualTo(404);
		assertThat(exchange(cluster.request("/other.html", null, null).GET().build()).statusCode())
			.as("no other path is open").isEqualTo(401);
	}

	@Test
	void aScriptsRequestWithoutCredentialsIsRefusedWithoutABrowserLoginPrompt() throws Exception {
		java.net.http.HttpResponse<String> script = exchange(cluster.request("/api/jobs", null, null)
			.header("X-Requested-With", "chunking-dashboard")
			.GET()
			.build());
		assertThat(script.statusCode()).isEqualTo(401);
		assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(script.body()).contains("\"error\":\"unauthorized\"");
		java.net.http.HttpResponse<String> wrong = exchange(cluster.request("/api/me", "viewer", "wrong")
			.header("X-Requested-With", "chunking-dashboard")
			.GET()
			.build());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).as("wrong password").isEmpty();

		java.net.http.HttpResponse<String> other = exchange(cluster.request("/api/jobs", null, null).GET().build());
		assertThat(other.statusCode()).isEqualTo(401);
		assertThat(other.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"chunking\"");
	}

	@Test
	void theDashboardsEndpointsAnswerViewersAndNameWhatIsMissing() throws Exception {
		assertThat(cluster.send("GET", "/api/me", null, ChunkingCluster.VIEWER).body())
			.containsEntry("user", "viewer").containsEntry("roles", List.of("VIEWER")).containsEntry("operator", false);
		assertThat(cluster.get("/api/me").body()).containsEntry("user", "operator")
			.containsEntry("roles", List.of("OPERATOR")).containsEntry("operator", true);

		long id = cluster.trigger("demo-checksum", Map.of("items", "500", "chunkSize", "100"));
		cluster.awaitEnd(id, Duration.ofMinutes(2));
		ChunkingCluster.Response map = cluster.send("GET", "/api/executions/" + id + "/chunk-map", null,
				ChunkingCluster.VIEWER);
		assertThat(map.status()).as(map.text()).isEqualTo(200);
		assertThat(map.body()).containsEntry("executionId", (int) id).containsEntry("chunkCount", 5)
			.containsEntry("statuses", "SSSSS")
			.containsEntry("legend",
					Map.of("P", "PENDING", "R", "RUNNING", "S", "SUCCEEDED", "F", "FAILED", "D", "DEAD"))
			.containsEntry("counts",
					Map.of("PENDING", 0, "RUNNING", 0, "SUCCEEDED", 5, "FAILED", 0, "DEAD", 0))
			.containsKeys("jobInstanceId", "generatedAt");

		ChunkingCluster.Response chunk = cluster.send("GET", "/api/executions/" + id + "/chunks/4", null,
				ChunkingCluster.VIEWER);
		assertThat(chunk.status()).isEqualTo(200);
		assertThat(chunk.body()).containsEntry("index", 4).containsEntry("status", "SUCCEEDED")
			.containsEntry("attempts", 1).containsEntry("itemCount", 100).containsKeys("workerId", "finishedAt");
		ChunkingCluster.Response missing = cluster.get("/api/executions/" + id + "/chunks/5");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).containsEntry("error", "not_found");
		assertThat((String) missing.body().get("message")).contains("Execution " + id).contains("no chunk 5");
		assertBadRequest("/api/executions/" + id + "/chunks/-1", "'index' must be 0 or more, was -1");
		assertThat(cluster.get("/api/executions/424242/chunk-map").body()).containsEntry("error", "unknown_execution");

		ChunkingCluster.Response list = cluster.send("GET", "/api/executions?jobName=demo-checksum&status=COMPLETED",
				null, ChunkingCluster.VIEWER);
		assertThat(listed(list, id)).as("the list's summary").containsEntry("status", "COMPLETED")
			.containsEntry("progress", 100.0)
			.containsEntry("chunks",
					Map.of("pending", 0, "running", 0, "succeeded", 5, "failed", 0, "dead", 0, "total", 5));

		Map<String, Object> rates = (Map<String, Object>) cluster.get("/api/executions/" + id).body().get("rates");
		assertThat(rates).containsEntry("recentItemsPerSecond", null).containsEntry("etaSeconds", null);
		assertThat(((Number) rates.get("averageItemsPerSecond")).doubleValue()).isPositive();

		ChunkingCluster.Response advice = cluster.send("GET", "/api/workers/advice", null, ChunkingCluster.VIEWER);
		assertThat(advice.status()).isEqualTo(200);
		assertThat(advice.text()).startsWith("[");
		assertThat(cluster.send("POST", "/api/executions/" + id + "/restart", null, ChunkingCluster.VIEWER).status())
			.isEqualTo(403);

		String description = cluster.send("GET", "/v3/api-docs", null, ChunkingCluster.VIEWER).text();
		assertThat(description).as("the OpenAPI description")
			.contains("\"/api/me\"", "\"/api/executions/{id}/chunk-map\"", "\"/api/executions/{id}/chunks/{index}\"",
					"\"/api/workers/advice\"", "\"recentItemsPerSecond\"");

		ChunkingCluster.Response invalid = cluster.post("/api/jobs/demo-checksum/executions",
				"{\"parameters\": {\"colour\": \"red\"}}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body()).containsEntry("error", "invalid_parameter").containsEntry("parameter", "colour");
		assertThat(cluster.get("/api/executions/424242").body()).as("no parameter, no field")
			.doesNotContainKey("parameter");
	}

	@Test
	void aRunningExecutionShowsItsRatesAndTheWorkerAdviceForItsQueue() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", "100000", "chunkSize", "100", "workMicros", "500"));
		try {
			Map<String, Object> advice = null;
			long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
			while (advice == null && System.nanoTime() < deadline) {
				List<Map<String, Object>> all = cluster.json()
					.readValue(cluster.send("GET", "/api/workers/advice", null, ChunkingCluster.VIEWER).text(),
							new TypeReference<>() {
							});
				advice = all.stream()
					.filter((job) -> "demo-checksum".equals(job.get("job")) && job.get("chunkSeconds") != null)
					.findFirst()
					.orElse(null);
				Thread.sleep(500);
			}
			assertThat(advice).as("advice with a measured chunk duration").isNotNull();
			assertThat((List<Integer>) advice.get("executionIds")).contains((int) id);
			assertThat(((Number) advice.get("queuedChunks")).longValue()).isPositive();
			int workers = ((Number) advice.get("workers")).intValue();
			assertThat(workers).as("the shared worker at least").isPositive();
			assertThat(advice).containsEntry("estimate", true);
			assertThat(((Number) advice.get("finishSeconds")).longValue()).isNotNegative();
			assertThat((String) advice.get("advice"))
				.startsWith(workers + " more worker" + ((workers == 1) ? "" : "s") + " would finish in about ")
				.contains(" instead of ");
			Map<String, Object> running = listed(cluster.get("/api/executions?jobName=demo-checksum&status=STARTED"),
					id);
			Map<String, Object> chunks = (Map<String, Object>) running.get("chunks");
			assertThat(((Number) chunks.get("total")).longValue()).as("chunks of the running execution, listed")
				.isEqualTo(1000);
			assertThat(((Number) chunks.get("pending")).longValue()).isPositive();
			assertThat(((Number) running.get("progress")).doubleValue()).isLessThan(100)
				.isEqualTo(Math.floor(1000.0 * (((Number) chunks.get("succeeded")).longValue()
						+ ((Number) chunks.get("dead")).longValue()) / 1000) / 10.0);

			cluster.get("/api/executions/" + id);
			Thread.sleep(1100);
			Map<String, Object> rates = (Map<String, Object>) cluster.get("/api/executions/" + id).body().get("rates");
			assertThat(rates.get("recentItemsPerSecond")).as("two views a second apart").isNotNull();
			assertThat(rates.get("etaSeconds")).isNotNull();
		}
		finally {
			cluster.post("/api/executions/" + id + "/stop", "");
			cluster.awaitEnd(id, Duration.ofMinutes(2));
		}
	}

	/** The execution of that id in a page of the executions list. */
	private static Map<String, Object> listed(ChunkingCluster.Response list, long id) {
		return ((List<Map<String, Object>>) list.body().get("executions")).stream()
			.filter((execution) -> ((Number) execution.get("id")).longValue() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("Execution " + id + " is not listed: " + list.text()));
	}

	@Test
	void jobsAreListedWithTheirParameters() throws Exception {
		ChunkingCluster.Response response = cluster.get("/api/jobs");
		List<Map<String, Object>> jobs = cluster.json().readValue(response.text(), new TypeReference<>() {
		});
		Map<String, Object> demo = jobs.stream()
			.filter((job) -> "demo-checksum".equals(job.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat((String) demo.get("description")).isNotBlank();
		List<Map<String, Object>> parameters = (List<Map<String, Object>>) demo.get("parameters");
		Map<String, Object> chunkSize = parameters.stream()
			.filter((parameter) -> "chunkSize".equals(parameter.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(chunkSize).containsEntry("type", "LONG").containsEntry("defaultValue", "500")
			.containsEntry("required", false);
		assertThat(demo.get("schedule")).isEqualTo("0 0 3 * * * (Europe/Paris)");
	}

	@Test
	void schedulesShowTheirNextFireTimeAndCanBePausedAndResumedByOperators() throws Exception {
		ChunkingCluster.Response response = cluster.send("GET", "/api/schedules", null, ChunkingCluster.VIEWER);
		assertThat(response.status()).isEqualTo(200);
		List<Map<String, Object>> schedules = cluster.json().readValue(response.text(), new TypeReference<>() {
		});
		Map<String, Object> nightly = schedules.stream()
			.filter((schedule) -> "nightly".equals(schedule.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(nightly).containsEntry("job", "demo-checksum").containsEntry("cron", "0 0 3 * * *")
			.containsEntry("zone", "Europe/Paris").containsEntry("misfirePolicy", "SKIP")
			.containsEntry("paused", false).containsEntry("parameters", Map.of("items", "1000"));
		java.time.ZonedDateTime next = java.time.Instant.parse((String) nightly.get("nextFireTime"))
			.atZone(java.time.ZoneId.of("Europe/Paris"));
		assertThat(next.getHour()).isEqualTo(3);
		assertThat(next.getMinute()).isZero();
		assertThat(next.toInstant()).isAfter(java.time.Instant.now())
			.isBefore(java.time.Instant.now().plus(Duration.ofHours(25)));

		assertThat(cluster.send("POST", "/api/schedules/nightly/pause", "", ChunkingCluster.VIEWER).status())
			.isEqualTo(403);
		ChunkingCluster.Response paused = cluster.post("/api/schedules/nightly/pause", "");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.body()).containsEntry("paused", true).containsEntry("nextFireTime", null);
		assertThat(cluster.get("/api/schedules/nightly").body()).containsEntry("paused", true);
		ChunkingCluster.Response resumed = cluster.post("/api/schedules/nightly/resume", "");
		assertThat(resumed.body()).containsEntry("paused", false).containsEntry("nextFireTime", nightly.get("nextFireTime"));

		ChunkingCluster.Response unknown = cluster.post("/api/schedules/weekly/pause", "");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().get("error")).isEqualTo("unknown_schedule");
		assertThat((String) unknown.body().get("message")).contains("weekly").contains("nightly");
	}

	@Test
	void executionQueriesRejectBadFiltersAndUnknownIds() throws Exception {
		assertBadRequest("/api/executions?status=RUNNING", "'status' must be one of");
		assertBadRequest("/api/executions?page=-1", "'page'");
		assertBadRequest("/api/executions?size=0", "'size'");
		assertBadRequest("/api/executions?size=abc", "'size'");
		long id = cluster.trigger("demo-checksum", Map.of("items", "500", "chunkSize", "100"));
		assertBadRequest("/api/executions/" + id + "/chunks?status=DONE", "'status' must be one of");
		assertBadRequest("/api/executions/" + id + "/chunks?size=1001", "'size' must be between 1 and 1000");
		assertBadRequest("/api/executions/abc", "'abc' is not a valid value for 'id'");
		cluster.awaitEnd(id, Duration.ofMinutes(2));
		List<Map<String, Object>> first = (List<Map<String, Object>>) cluster
			.get("/api/executions/" + id + "/chunks?page=1&size=2").body().get("chunks");
		assertThat(first).extracting((chunk) -> ((Number) chunk.get("index")).intValue()).containsExactly(2, 3);
		for (String page : List.of("page=1073741824&size=2", "page=2147483647&size=1000")) {
			ChunkingCluster.Response past = cluster.get("/api/executions/" + id + "/chunks?" + page);
			assertThat(past.status()).as(page).isEqualTo(200);
			assertThat((List<?>) past.body().get("chunks")).as("page × size past the int range: " + page).isEmpty();
			ChunkingCluster.Response executions = cluster.get("/api/executions?" + page);
			assertThat(executions.status()).as(page).isEqualTo(200);
			assertThat((List<?>) executions.body().get("executions")).as(page).isEmpty();
		}
		ChunkingCluster.Response notJson = cluster.post("/api/jobs/demo-checksum/executions", "{not json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat((String) notJson.body().get("message")).contains("not valid JSON");
		ChunkingCluster.Response unknownSchedule = cluster.get("/api/schedules/weekly");
		assertThat(unknownSchedule.status()).isEqualTo(404);
		assertThat(unknownSchedule.body().get("error")).isEqualTo("unknown_schedule");
		assertThat(cluster.get("/api/executions/424242").status()).isEqualTo(404);
		assertThat(cluster.get("/api/executions/424242/chunks").status()).isEqualTo(404);
		for (String action : List.of("stop", "restart", "abandon")) {
			ChunkingCluster.Response response = cluster.post("/api/executions/424242/" + action, "{}");
			assertThat(response.status()).as(action).isEqualTo(404);
			assertThat(response.body().get("error")).isEqualTo("unknown_execution");
		}
	}

	@Test
	void rejectedTriggersAnswer4xxJsonAndWriteNothingToTheJobRepository() throws Exception {
		long instancesBefore = jobRepositoryCount("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE");
		String trigger = "/api/jobs/demo-checksum/executions";
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
			ChunkingCluster.Response response = cluster.send(cluster
				.request(trigger, ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD)
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("items=10"))
				.build());
			assertThat(response.status()).as(type).isEqualTo(415);
			assertThat(response.body()).as(type).containsEntry("error", "unsupported_media_type");
			assertThat((String) response.body().get("message")).contains(type).contains("application/json");
		}

		// 1,300 poison chunks: "0,1,...,1299" is 5,389 characters, the parameter value column holds 2,500.
		String poison = java.util.stream.IntStream.range(0, 1300)
			.mapToObj(Integer::toString)
			.collect(java.util.stream.Collectors.joining(","));
		ChunkingCluster.Response tooLong = cluster.post(trigger,
				cluster.json().writeValueAsString(Map.of("parameters", Map.of("poisonChunks", poison))));
		assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
		assertThat(tooLong.body()).containsEntry("error", "invalid_parameter")
			.containsEntry("message", "Parameter 'poisonChunks' is 5389 characters long; the job repository stores "
					+ "values of at most 2500 characters (BATCH_JOB_EXECUTION_PARAMS.PARAMETER_VALUE)");

		ChunkingCluster.Response misspelt = cluster.post(trigger, "{\"parameter\": {\"items\": \"10\"}}");
		assertThat(misspelt.status()).as(misspelt.text()).isEqualTo(400);
		assertThat(misspelt.body()).containsEntry("error", "invalid_request");
		assertThat((String) misspelt.body().get("message")).startsWith("Unknown field 'parameter' in the request body");
		ChunkingCluster.Response unknown = cluster.post(trigger,
				"{\"parameters\": {\"items\": \"10\"}, \"priority\": 1}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat((String) unknown.body().get("message")).startsWith("Unknown field 'priority'");

		assertThat(jobRepositoryCount("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("job instances")
			.isEqualTo(instancesBefore);
		assertThat(jobRepositoryCount("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE I WHERE NOT EXISTS "
				+ "(SELECT 1 FROM BATCH_JOB_EXECUTION E WHERE E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)"))
			.as("job instances without an execution")
			.isZero();

		// An empty object still means "every default" (100,000 items): started, then stopped at once.
		ChunkingCluster.Response defaults = cluster.post(trigger, "{}");
		assertThat(defaults.status()).as(defaults.text()).isEqualTo(202);
		long id = ((Number) defaults.body().get("executionId")).longValue();
		Map<String, Object> parameters = (Map<String, Object>) cluster.get("/api/executions/" + id).body()
			.get("parameters");
		assertThat(parameters).containsEntry("items", "100000").containsEntry("chunkSize", "500");
		assertThat(cluster.post("/api/executions/" + id + "/stop", "").status()).isIn(202, 409);
		assertThat(cluster.awaitEnd(id, Duration.ofMinutes(2)).get("status")).isIn("STOPPED", "COMPLETED");
		assertThat(cluster.log("master")).as("no request answered 500").doesNotContain("API request failed");
	}

	@Test
	void requestsRefusedBeforeTheControllersAnswerTheSameJson() throws Exception {
		// Refused by Tomcat (sent over a raw socket: no HTTP client sends these), then by Spring Security's firewall.
		for (String target : List.of("/api/jobs/a|b", "/api/jobs/a{b", "/api/jobs/%00", "/api/jobs/a%2Fb",
				"/api/jobs//x", "/api/jobs;x=1", "/api/../actuator/info")) {
			ChunkingCluster.Response response = raw("GET " + target);
			assertThat(response.status()).as(target).isEqualTo(400);
			assertThat(response.body()).as(target).containsEntry("error", "invalid_request");
			assertThat((String) response.body().get("message")).as(target).isNotBlank();
		}

		for (String user : List.of(ChunkingCluster.OPERATOR, ChunkingCluster.VIEWER)) {
			// "/" and "/index.html" are the dashboard's page (DashboardIntegrationTests).
			for (String path : List.of("/foo", "/index.htm", "/api/nothing", "/actuator/nothing", "/error")) {
				ChunkingCluster.Response response = cluster.send("GET", path, null, user);
				assertThat(response.status()).as(user + " " + path).isEqualTo(404);
				assertThat(response.body()).as(user + " " + path)
					.containsEntry("error", "not_found")
					.containsEntry("message", "No endpoint GET " + path + "; /v3/api-docs lists the API's endpoints");
			}
		}
		ChunkingCluster.Response wrongMethod = cluster.send("DELETE", "/api/jobs", null, ChunkingCluster.OPERATOR);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.body()).containsEntry("error", "method_not_allowed");
		assertThat((String) wrongMethod.body().get("message")).contains("DELETE /api/jobs");
		ChunkingCluster.Response anonymous = cluster.send("GET", "/foo", null, null);
		assertThat(anonymous.status()).as("unauthenticated: paths are not disclosed").isEqualTo(401);
		assertThat(anonymous.body()).containsEntry("error", "unauthorized");
	}

	@Test
	void stoppedExecutionLetsRunningChunksFinishStartsNoMoreAndRestartsToTheExactResult() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", "60000", "chunkSize", "100", "workMicros", "300"));
		cluster.awaitSucceeded(id, 20, Duration.ofMinutes(2));
		long instance = ((Number) cluster.get("/api/executions/" + id).body().get("jobInstanceId")).longValue();
		// The worker frozen while it runs a chunk: the execution cannot get past STOPPING until that chunk ends.
		int running = cluster.freezeWhileHoldingAChunk(WORKER, instance);

		ChunkingCluster.Response stop = cluster.post("/api/executions/" + id + "/stop", "");
		assertThat(stop.status()).as(stop.text()).isEqualTo(202);
		assertThat(stop.body().get("status")).isEqualTo("STOPPING");
		Thread.sleep(2000);
		assertThat(cluster.get("/api/executions/" + id).body().get("status")).as("while chunk %s runs", running)
			.isEqualTo("STOPPING");
		ChunkingCluster.Response restartTooEarly = cluster.post("/api/executions/" + id + "/restart", "");
		assertThat(restartTooEarly.status()).isEqualTo(409);
		assertThat((String) restartTooEarly.body().get("message")).contains("STOPPING");
		ChunkingCluster.signal(cluster.worker(WORKER), "CONT");

		Map<String, Object> stopped = cluster.awaitEnd(id, Duration.ofMinutes(2));
		assertThat(stopped.get("status")).as("%s", stopped).isEqualTo("STOPPED");
		assertThat((String) stopped.get("exitDescription")).contains("Stopped by an operator");
		Map<String, Object> chunks = (Map<String, Object>) stopped.get("chunks");
		assertThat(((Number) chunks.get("running")).intValue()).as("no chunk runs after STOPPED").isZero();
		long succeeded = ((Number) chunks.get("succeeded")).longValue();
		assertThat(succeeded).as("stopped before the end").isLessThan(600);
		assertThat(((Number) chunks.get("pending")).longValue()).isPositive();
		assertThat(cluster.ledger(instance).get(running).getString("status")).as("the running chunk finished")
			.isEqualTo("SUCCEEDED");
		Thread.sleep(2000);
		Map<String, Object> later = (Map<String, Object>) cluster.get("/api/executions/" + id).body().get("chunks");
		assertThat(((Number) later.get("succeeded")).longValue()).as("no new chunk started after the stop")
			.isEqualTo(succeeded);

		ChunkingCluster.Response stopAgain = cluster.post("/api/executions/" + id + "/stop", "");
		assertThat(stopAgain.status()).isEqualTo(409);
		assertThat((String) stopAgain.body().get("message")).contains("is STOPPED");

		ChunkingCluster.Response listed = cluster.get("/api/executions?jobName=demo-checksum&status=STOPPED");
		List<Map<String, Object>> executions = (List<Map<String, Object>>) listed.body().get("executions");
		assertThat(executions).extracting((execution) -> ((Number) execution.get("id")).longValue()).contains(id);

		ChunkingCluster.Response restart = cluster.post("/api/executions/" + id + "/restart", "");
		assertThat(restart.status()).as(restart.text()).isEqualTo(202);
		assertThat(((Number) restart.body().get("restartedExecutionId")).longValue()).isEqualTo(id);
		long restarted = ((Number) restart.body().get("executionId")).longValue();
		Map<String, Object> done = cluster.awaitEnd(restarted, Duration.ofMinutes(3));
		assertExactResult(done, 60_000);

		for (String action : List.of("stop", "restart", "abandon")) {
			ChunkingCluster.Response response = cluster.post("/api/executions/" + restarted + "/" + action, "");
			assertThat(response.status()).as(action + " of a completed execution").isEqualTo(409);
			assertThat(response.body().get("error")).isEqualTo("conflict");
			assertThat((String) response.body().get("message")).contains("is COMPLETED");
		}
	}

	@Test
	void abandonedExecutionCannotBeRestarted() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", "2000", "chunkSize", "100", "poisonChunks", "1", "maxAttempts", "1"));
		ChunkingCluster.Response running = cluster.post("/api/executions/" + id + "/abandon", "");
		if (running.status() == 409) {
			assertThat((String) running.body().get("message")).contains("stop it first");
		}
		assertThat(cluster.awaitEnd(id, Duration.ofMinutes(2)).get("status")).isEqualTo("FAILED");

		ChunkingCluster.Response abandon = cluster.post("/api/executions/" + id + "/abandon", "");
		assertThat(abandon.status()).as(abandon.text()).isEqualTo(200);
		assertThat(abandon.body().get("status")).isEqualTo("ABANDONED");
		assertThat(cluster.get("/api/executions/" + id).body().get("status")).isEqualTo("ABANDONED");
		ChunkingCluster.Response restart = cluster.post("/api/executions/" + id + "/restart", "");
		assertThat(restart.status()).isEqualTo(409);
		assertThat((String) restart.body().get("message")).contains("is ABANDONED");
		assertThat(cluster.post("/api/executions/" + id + "/abandon", "").status()).isEqualTo(409);

		ChunkingCluster.Response page = cluster.get("/api/executions?status=ABANDONED&size=1");
		assertThat(page.body()).containsEntry("page", 0).containsEntry("size", 1);
		assertThat(((Number) page.body().get("total")).longValue()).isGreaterThanOrEqualTo(1);
		assertThat((List<?>) page.body().get("executions")).hasSize(1);
	}

	@Test
	void openApiDescriptionListsExactlyTheEndpointsTheMasterServes() throws Exception {
		assertThat(cluster.send("GET", "/v3/api-docs", null, null).status()).isEqualTo(401);
		ChunkingCluster.Response docs = cluster.send("GET", "/v3/api-docs", null, ChunkingCluster.VIEWER);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().get("info").toString()).contains("Chunking master API");
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) docs.body().get("paths");
		java.util.Set<String> documented = new java.util.TreeSet<>();
		paths.forEach((path, operations) -> operations.keySet()
			.forEach((method) -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
		assertThat(documented).containsExactlyInAnyOrder("GET /api/jobs", "POST /api/jobs/{jobName}/executions",
				"GET /api/executions", "GET /api/executions/{id}", "GET /api/executions/{id}/chunks",
				"POST /api/executions/{id}/stop", "POST /api/executions/{id}/restart",
				"POST /api/executions/{id}/abandon", "GET /api/workers", "GET /api/schedules",
				"GET /api/schedules/{name}", "POST /api/schedules/{name}/pause", "POST /api/schedules/{name}/resume",
				"GET /api/dead-letters", "GET /api/dead-letters/{jobName}", "POST /api/dead-letters/{jobName}/purge",
				"GET /api/me", "GET /api/executions/{id}/chunk-map", "GET /api/executions/{id}/chunks/{index}",
				"GET /api/workers/advice");

		// Every documented operation answers from its controller: reads with real ids, writes with unknown ones.
		long id = cluster.trigger("demo-checksum", Map.of("items", "1000", "chunkSize", "100"));
		cluster.awaitEnd(id, Duration.ofMinutes(2));
		for (String operation : documented) {
			String method = operation.substring(0, operation.indexOf(' '));
			String path = operation.substring(operation.indexOf(' ') + 1);
			if (method.equals("GET")) {
				String real = path.replace("{id}", Long.toString(id)).replace("{name}", "nightly")
					.replace("{jobName}", "demo-checksum").replace("{index}", "0");
				assertThat(cluster.get(real).status()).as(operation).isEqualTo(200);
			}
			else {
				String unknown = path.replace("{id}", "999999").replace("{name}", "no-such").replace("{jobName}",
						"no-such");
				ChunkingCluster.Response response = cluster.post(unknown, "{}");
				assertThat(response.status()).as(operation).isEqualTo(404);
				assertThat((String) response.body().get("error")).as(operation).startsWith("unknown_");
			}
		}
		Map<String, Object> components = (Map<String, Object>) docs.body().get("components");
		assertThat(components.get("securitySchemes").toString()).contains("basic");
		Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) components.get("schemas");
		assertThat((String) schemas.get("ListedExecution").get("description")).contains("up to 1 s old");
		Map<String, Object> listed = (Map<String, Object>) schemas.get("ListedExecution").get("properties");
		assertThat(listed).as("an execution as listed").containsKeys("id", "jobName", "status", "startTime", "chunks",
				"progress");
		assertThat(listed.get("progress").toString()).contains("Percent of the chunks done");
		assertThat(listed.get("chunks").toString()).contains("#/components/schemas/Chunks");
		assertThat((String) schemas.get("Chunks").get("description")).contains("by status");
	}

	@Test
	void metricsAndHealthOfBothAppsReflectTheChunks() throws Exception {
		assertThat(cluster.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
		double retriedBefore = value(cluster.scrape(MASTER), "chunking_chunks_retried_total{job=\"demo-checksum\"}");
		double deadBefore = value(cluster.scrape(MASTER), "chunking_chunks_dead_total{job=\"demo-checksum\"}");
		String failedAttempts = "chunking_chunk_duration_seconds_count{job=\"demo-checksum\",outcome=\"failed\"}";
		double failedBefore = value(cluster.getFrom(WORKER, "/actuator/prometheus").text(), failedAttempts);

		long poisoned = cluster.trigger("demo-checksum",
				Map.of("items", "1000", "chunkSize", "100", "poisonChunks", "4", "maxAttempts", "2"));
		assertThat(cluster.awaitEnd(poisoned, Duration.ofMinutes(2)).get("status")).isEqualTo("FAILED");
		String master = cluster.scrape(MASTER);
		assertThat(value(master, "chunking_chunks_retried_total{job=\"demo-checksum\"}") - retriedBefore)
			.as("chunk 4 dispatched again once").isEqualTo(1);
		assertThat(value(master, "chunking_chunks_dead_total{job=\"demo-checksum\"}") - deadBefore)
			.as("chunk 4 dead after its second attempt").isEqualTo(1);
		assertThat(value(master, "chunking_workers{state=\"ACTIVE\"}")).isGreaterThanOrEqualTo(1);
		cluster.awaitMetric(ChunkingCluster.MASTER, "chunking_queue_depth{job=\"demo-checksum\"}", 0,
				Duration.ofSeconds(15));
		assertThat(master).contains("chunking_chunks{job=\"demo-checksum\",status=\"PENDING\"}");

		ChunkingCluster.Response worker = cluster.getFrom(WORKER, "/actuator/prometheus");
		assertThat(worker.status()).isEqualTo(200);
		long written = 0;
		try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(cluster.mongoUri())) {
			for (org.bson.Document chunk : mongo.getDatabase("chunking").getCollection("chunks")
				.find(new org.bson.Document("status", "SUCCEEDED").append("workerId", WORKER))) {
				written += ((Number) chunk.get("writeCount")).longValue();
			}
		}
		assertThat(value(worker.text(), "chunking_items_processed_total{job=\"demo-checksum\"}"))
			.as("items the worker wrote, as the ledger records them").isEqualTo(written);
		assertThat(value(worker.text(), failedAttempts) - failedBefore).as("both attempts of chunk 4 failed")
			.isEqualTo(2);
		assertThat(cluster.send("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);

		for (String app : List.of("master", WORKER)) {
			ChunkingCluster.Response health = app.equals("master")
					? cluster.send("GET", "/actuator/health", null, ChunkingCluster.VIEWER)
					: cluster.getFrom(app, "/actuator/health");
			assertThat(health.body().get("status")).as(app).isEqualTo("UP");
			Map<String, Object> components = (Map<String, Object>) health.body().get("components");
			assertThat(components).as(app).containsKeys("jms", "mongo", "s3");
			components.forEach((name, component) -> assertThat(((Map<String, Object>) component).get("status"))
				.as(app + " " + name).isEqualTo("UP"));
			if (app.equals("master")) {
				assertThat(components).containsKey("db");
			}
		}
		assertThat(cluster.send("GET", "/actuator/health", null, null).body()).as("anonymous: status only")
			.containsEntry("status", "UP").doesNotContainKey("components");
	}

	/** A series of a Prometheus exposition, 0 when absent (a counter not incremented yet). */
	private static double value(String exposition, String series) {
		return Prometheus.value(exposition, series).orElse(0);
	}

	private static long jobRepositoryCount(String query) throws Exception {
		try (java.sql.Connection connection = cluster.jobRepository();
				java.sql.ResultSet result = connection.createStatement().executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * Sends {@code request} ("METHOD target") as the operator over a plain socket, byte for byte as written, in
	 * HTTP/1.0 (the answer is not chunked).
	 */
	private static ChunkingCluster.Response raw(String request) throws Exception {
		java.net.URI master = cluster.uri("/");
		try (java.net.Socket socket = new java.net.Socket(master.getHost(), master.getPort())) {
			socket.setSoTimeout(30_000);
			String credentials = java.util.Base64.getEncoder()
				.encodeToString((ChunkingCluster.OPERATOR + ":" + ChunkingCluster.PASSWORD)
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			socket.getOutputStream()
				.write((request + " HTTP/1.0\r\nHost: " + master.getHost() + "\r\nAuthorization: Basic " + credentials
						+ "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			int headersEnd = response.indexOf("\r\n\r\n");
			assertThat(response.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT)).as(request)
				.contains("content-type: application/json");
			String body = response.substring(headersEnd + 4);
			return new ChunkingCluster.Response(Integer.parseInt(response.substring(9, 12)),
					cluster.json().readValue(body, new TypeReference<Map<String, Object>>() {
					}), body);
		}
	}

	/** Sends the request as built, answering the status, headers and text of the response. */
	private static java.net.http.HttpResponse<String> exchange(HttpRequest request) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private static void assertBadRequest(String path, String message) throws Exception {
		ChunkingCluster.Response response = cluster.get(path);
		assertThat(response.status()).as(path).isEqualTo(400);
		assertThat((String) response.body().get("message")).as(path).contains(message);
	}

}
