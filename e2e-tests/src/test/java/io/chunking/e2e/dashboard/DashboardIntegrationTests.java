package io.chunking.e2e.dashboard;

import static io.chunking.e2e.dashboard.DashboardBrowser.testId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import io.chunking.e2e.jobs.DashboardScaleJob;
import io.chunking.e2e.jobs.RateLimitedJob;
import io.chunking.e2e.jobs.TestJobsAutoConfiguration;
import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import io.chunking.testing.ExpectedChecksum;
import tools.jackson.core.type.TypeReference;

/**
 * The dashboard in a real browser (headless Chromium) against a master and two worker processes: an operator runs
 * {@code demo-checksum} from the jobs page's form and watches the chunk map fill, reads a poisoned run's dead chunks
 * and restarts it, a viewer sees no control and is refused what it forges, lists executions with their progress,
 * filtered and a page at a time, sees the workers and the advice while a slow execution runs, pauses and resumes a
 * schedule, and a 100,000-chunk execution's page draws its map within 2 s. One cluster and one browser for the
 * class; the 100,000-chunk execution runs last, as it keeps the master busy.
 */
@ExtendWith(ChromiumAvailable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIntegrationTests {

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	/** A schedule of the master that does not fire while the tests run: once a year. */
	private static final String SCHEDULE = "new-year";

	private static final String CRON = "0 15 4 1 1 *";

	private static final String ZONE = "Asia/Tokyo";

	/** Items of a slow execution: 100 chunks of 20 at 40 items a second, 50 s unless stopped. */
	private static final String SLOW_ITEMS = "2000";

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("dashboard", (cluster) -> {
		cluster.jobs(List.of(TestJobsAutoConfiguration.LOADER_PATH).stream().map(Path::of).toArray(Path[]::new));
		cluster.masterArgs("--chunking.schedules[0].name=" + SCHEDULE, "--chunking.schedules[0].job=demo-checksum",
				"--chunking.schedules[0].cron=" + CRON, "--chunking.schedules[0].zone=" + ZONE,
				"--chunking.schedules[0].parameters.items=1000", "--chunking.schedules[0].misfire-policy=SKIP");
		cluster.startMaster();
		cluster.startWorker("worker-a");
		cluster.startWorker("worker-b");
	});

	private static DashboardBrowser browser;

	@BeforeAll
	static void startBrowser() throws Exception {
		String root = cluster.uri("/").toString();
		browser = new DashboardBrowser(root.substring(0, root.length() - 1));
	}

	@AfterAll
	static void closeBrowser() throws Exception {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	@Order(1)
	void anOperatorRunsDemoChecksumFromTheFormAndWatchesTheChunkMapFillUntilTheExactResult() throws Exception {
		browser.logIn(ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD);
		WebElement job = browser.byTestId("job-demo-checksum");
		WebElement form = browser.byTestId("trigger-form-demo-checksum");
		type(form, "items", "40000");
		type(form, "chunkSize", "200");
		type(form, "workMicros", "300");
		browser.screenshot(job, "jobs-page-form");
		form.findElement(testId("trigger-demo-checksum")).click();

		long id = openedExecution();
		WebElement canvas = browser.byTestId("chunk-map");
		WebElement view = browser.byTestId("execution-view");
		Set<Integer> succeeded = new TreeSet<>();
		browser.until((driver) -> {
			String drawn = canvas.getDomAttribute("data-succeeded");
			if (drawn != null) {
				succeeded.add(Integer.parseInt(drawn));
			}
			return "COMPLETED".equals(view.getDomAttribute("data-status")) && "200".equals(drawn);
		}, RUN_TIMEOUT);

		assertThat(succeeded).as("succeeded chunks the map showed, of 200").contains(200)
			.anySatisfy((count) -> assertThat(count).isBetween(1, 199));
		assertThat(browser.byTestId("execution-status").getText()).isEqualTo("COMPLETED");
		assertThat(browser.byTestId("count-succeeded").getText()).isEqualTo("200");
		assertThat(browser.byTestId("result-count").getText()).isEqualTo("40000");
		assertThat(browser.byTestId("result-checksum").getText()).isEqualTo(ExpectedChecksum.of(40_000));
		assertThat(cluster.get("/api/executions/" + id).body().get("status")).isEqualTo("COMPLETED");
		browser.screenshot("execution-page");
	}

	@Test
	@Order(2)
	void aPoisonedRunShowsItsDeadChunksWithTheirErrorsAndRestarts() throws Exception {
		long id = cluster.trigger("demo-checksum",
				Map.of("items", "2000", "chunkSize", "100", "poisonChunks", "3,7", "maxAttempts", "2"));
		assertThat(cluster.awaitEnd(id, RUN_TIMEOUT).get("status")).isEqualTo("FAILED");
		browser.logIn(ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD);
		browser.open("#/executions/" + id);
		browser.until((driver) -> "FAILED".equals(browser.byTestId("execution-view").getDomAttribute("data-status")));
		browser.until((driver) -> "2".equals(browser.byTestId("count-dead").getText()));

		browser.byTestId("chunk-filter-DEAD").click();
		browser.until((driver) -> browser.allByTestId("chunk-row").size() == 2);
		List<?> rows = (List<?>) browser.script("return [...document.querySelectorAll(\"[data-testid='chunk-row']\")]"
				+ ".map((row) => [row.dataset.index, row.querySelector(\"[data-testid='chunk-row-error']\").textContent])");
		assertThat(rows).hasSize(2);
		for (Object row : rows) {
			String index = (String) ((List<?>) row).get(0);
			assertThat(index).isIn("3", "7");
			assertThat((String) ((List<?>) row).get(1)).contains("PoisonChunkException")
				.contains("Chunk " + index + " is poisoned");
		}
		clickChunk(7);
		browser.until((driver) -> browser.byTestId("chunk-detail").getText().contains("Chunk 7"));
		assertThat(browser.byTestId("chunk-detail-status").getText()).isEqualTo("DEAD");
		assertThat(browser.byTestId("chunk-detail-error").getText()).contains("Chunk 7 is poisoned")
			.contains("attempt 2");
		assertThat(browser.byTestId("stop-button").isEnabled()).isFalse();
		browser.screenshot("poisoned-execution");

		browser.byTestId("restart-button").click();
		browser.byTestId("confirm-ok").click();
		long restarted = browser.until((driver) -> {
			long shown = Long.parseLong(browser.currentHash().replace("#/executions/", ""));
			return (shown != id) ? shown : null;
		});
		assertThat(restarted).isGreaterThan(id);
		Map<String, Object> old = cluster.get("/api/executions/" + id).body();
		Map<String, Object> started = cluster.get("/api/executions/" + restarted).body();
		assertThat(started.get("jobInstanceId")).isEqualTo(old.get("jobInstanceId"));
		browser.until((driver) -> String.valueOf(restarted)
			.equals(browser.byTestId("execution-view").getDomAttribute("data-execution-id")));
	}

	@Test
	@Order(3)
	void aViewerSeesNoControlsAndIsRefusedWhatItForges() throws Exception {
		long id = cluster.trigger("demo-checksum", Map.of("items", "1000", "chunkSize", "100"));
		cluster.awaitEnd(id, RUN_TIMEOUT);
		long executions = total("demo-checksum");
		browser.logIn(ChunkingCluster.VIEWER, ChunkingCluster.PASSWORD);

		browser.byTestId("job-demo-checksum");
		assertThat(browser.driver().findElements(By.cssSelector("[data-testid^='trigger-form']"))).isEmpty();
		browser.open("#/executions/" + id);
		browser.until((driver) -> "COMPLETED".equals(browser.byTestId("execution-view").getDomAttribute("data-status")));
		assertThat(browser.allByTestId("controls")).isEmpty();
		assertThat(browser.driver().findElements(By.tagName("button")).stream().map(WebElement::getText))
			.doesNotContain("Stop", "Restart", "Abandon");

		assertThat(forge("/api/jobs/demo-checksum/executions")).startsWith("403 ");
		assertThat(forge("/api/executions/" + id + "/abandon")).startsWith("403 ");
		assertThat(total("demo-checksum")).isEqualTo(executions);
		assertThat(cluster.get("/api/executions/" + id).body().get("status")).isEqualTo("COMPLETED");
	}

	@Test
	@Order(4)
	void theExecutionsListShowsNewestFirstWithProgressNarrowsByJobAndStatusAndPages() throws Exception {
		long completed = cluster.trigger("demo-checksum", Map.of("items", "200", "chunkSize", "100"));
		cluster.awaitEnd(completed, RUN_TIMEOUT);
		long running = cluster.trigger(RateLimitedJob.NAME, Map.of("items", SLOW_ITEMS));
		try {
			browser.logIn(ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD);
			browser.open("#/executions");
			// The running execution's row, once some of its 100 chunks are done: "n % · n of 100 chunks".
			Pattern slow = Pattern.compile("(\\d+) % \u00b7 (\\d+) of 100 chunks");
			List<ExecutionRow> rows = browser.until((driver) -> {
				List<ExecutionRow> shown = executionRows();
				return shown.stream().anyMatch((row) -> row.id() == running && slow.matcher(row.progress()).matches()
						&& !row.progress().startsWith("0 %")) ? shown : null;
			});
			assertThat(rows.get(0).id()).as("newest first").isEqualTo(running);
			assertThat(rows).extracting(ExecutionRow::id).isSortedAccordingTo(Comparator.reverseOrder())
				.doesNotHaveDuplicates()
				.contains(completed);
			Matcher progress = slow.matcher(rows.get(0).progress());
			assertThat(progress.matches()).isTrue();
			assertThat(progress.group(1)).as("percent of 100 chunks done").isEqualTo(progress.group(2));
			assertThat(rows.get(0).status()).isEqualTo("STARTED");
			assertThat(row(rows, completed).progress()).isEqualTo("100 % \u00b7 2 of 2 chunks");
			assertThat(row(rows, completed).status()).isEqualTo("COMPLETED");
			browser.until((driver) -> requestsOfTheList() >= 2);
			assertThat(executionViewRequests()).as("requests of single executions from the list").isEmpty();
			browser.screenshot("executions-page");

			choose("filter-job", RateLimitedJob.NAME);
			List<ExecutionRow> ofJob = browser.until((driver) -> shownWhen(
					(shown) -> shown.stream().allMatch((row) -> row.job().equals(RateLimitedJob.NAME))));
			assertThat(ofJob).extracting(ExecutionRow::id).contains(running).doesNotContain(completed)
				.hasSize((int) totalOf("/api/executions?jobName=" + RateLimitedJob.NAME));
			assertThat(browser.currentHash()).contains("job=" + RateLimitedJob.NAME);

			browser.open("#/executions");
			choose("filter-status", "COMPLETED");
			List<ExecutionRow> ofStatus = browser.until((driver) -> shownWhen(
					(shown) -> shown.stream().allMatch((row) -> row.status().equals("COMPLETED"))));
			assertThat(ofStatus).extracting(ExecutionRow::id).contains(completed).doesNotContain(running)
				.hasSize((int) Math.min(20, totalOf("/api/executions?status=COMPLETED")));
			assertThat(ofStatus).allSatisfy((row) -> assertThat(row.progress()).startsWith("100 % "));

			browser.open("#/executions?size=1");
			browser.until((driver) -> shownWhen((shown) -> shown.size() == 1 && shown.get(0).id() == running));
			assertThat(browser.text("pager")).contains("page 1 of ");
			browser.click("page-next");
			long second = ((Number) ((List<Map<String, Object>>) cluster.get("/api/executions?size=1&page=1").body()
				.get("executions")).get(0).get("id")).longValue();
			browser.until((driver) -> shownWhen((shown) -> shown.size() == 1 && shown.get(0).id() == second));
			assertThat(second).isLessThan(running);
			assertThat(browser.text("pager")).contains("page 2 of ");
			assertThat(browser.currentHash()).contains("page=1").contains("size=1");
		}
		finally {
			cluster.post("/api/executions/" + running + "/stop", "");
		}
	}

	@Test
	@Order(5)
	void theWorkersPageShowsBothWorkersWithTheirHeartbeatAndTheAdviceForQueuedWork() throws Exception {
		long running = cluster.trigger(RateLimitedJob.NAME, Map.of("items", SLOW_ITEMS));
		try {
			browser.logIn(ChunkingCluster.VIEWER, ChunkingCluster.PASSWORD);
			browser.open("#/workers");
			String advice = browser.until((driver) -> {
				String shown = browser.text("advice-" + RateLimitedJob.NAME);
				return shown.contains("chunks queued") ? shown : null;
			});
			List<List<String>> rows = browser.until((driver) -> {
				List<List<String>> shown = cells("worker-row");
				return (shown.size() == 2) ? shown : null;
			});
			List<Map<String, Object>> workers = cluster.json()
				.readValue(cluster.get("/api/workers").text(), new TypeReference<List<Map<String, Object>>>() {
				});
			assertThat(rows).extracting((row) -> row.get(0)).containsExactlyInAnyOrder("worker-a", "worker-b");
			for (List<String> row : rows) {
				Map<String, Object> worker = workers.stream()
					.filter((candidate) -> row.get(0).equals(candidate.get("id")))
					.findFirst()
					.orElseThrow();
				assertThat(row.get(1)).as("host of %s", row.get(0)).isNotBlank().isEqualTo(worker.get("host"));
				assertThat(row.get(2)).as("pid of %s", row.get(0))
					.isEqualTo(Long.toString(cluster.worker(row.get(0)).pid()));
				assertThat(row.get(3)).as("jobs of %s", row.get(0)).contains(RateLimitedJob.NAME);
				assertThat(row.get(4)).isEqualTo("ACTIVE");
				Matcher heartbeat = Pattern.compile("(\\d+) s ago").matcher(row.get(5));
				assertThat(heartbeat.matches()).as("heartbeat of %s: %s", row.get(0), row.get(5)).isTrue();
				assertThat(Integer.parseInt(heartbeat.group(1))).as("seconds since the heartbeat").isLessThan(30);
			}
			assertThat(advice).startsWith(RateLimitedJob.NAME + ": ").contains("chunks queued")
				.contains("2 worker(s)").endsWith("(estimate)");
			browser.screenshot("workers-page");
		}
		finally {
			cluster.post("/api/executions/" + running + "/stop", "");
		}
	}

	@Test
	@Order(6)
	void anOperatorPausesAndResumesASchedule() throws Exception {
		Map<String, Object> schedule = cluster.get("/api/schedules/" + SCHEDULE).body();
		Instant next = Instant.parse((String) schedule.get("nextFireTime"));
		assertThat(next.atZone(ZoneId.of(ZONE))).satisfies((time) -> {
			assertThat(time.getMonthValue()).isEqualTo(1);
			assertThat(time.getDayOfMonth()).isEqualTo(1);
			assertThat(time.getHour()).isEqualTo(4);
			assertThat(time.getMinute()).isEqualTo(15);
		});
		browser.logIn(ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD);
		browser.open("#/schedules");
		// The page shows times in the browser's zone.
		String nextShown = next.atZone(ZoneId.of((String) browser.script(
				"return Intl.DateTimeFormat().resolvedOptions().timeZone")))
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
		List<String> row = browser.until((driver) -> scheduleRow((shown) -> shown.get(5).equals("ACTIVE")));
		assertThat(row.subList(0, 5)).containsExactly(SCHEDULE, "demo-checksum", CRON, ZONE, "items=1000");
		assertThat(row.get(6)).as("next fire time").isEqualTo(nextShown);
		assertThat(row.get(9)).isEqualTo("Pause");

		browser.click("schedule-toggle-" + SCHEDULE);
		assertThat(browser.byTestId("confirm-message").getText()).contains("Pause " + SCHEDULE);
		browser.byTestId("confirm-ok").click();
		row = browser.until((driver) -> scheduleRow((shown) -> shown.get(5).equals("PAUSED")));
		assertThat(row.get(6)).as("no next fire time while paused").isEqualTo("\u2013");
		assertThat(row.get(9)).isEqualTo("Resume");
		assertThat(cluster.get("/api/schedules/" + SCHEDULE).body()).containsEntry("paused", true)
			.containsEntry("nextFireTime", null);
		browser.screenshot("schedules-page-paused");

		browser.click("schedule-toggle-" + SCHEDULE);
		assertThat(browser.byTestId("confirm-message").getText()).contains("Resume " + SCHEDULE);
		browser.byTestId("confirm-ok").click();
		row = browser.until((driver) -> scheduleRow((shown) -> shown.get(5).equals("ACTIVE")));
		assertThat(row.get(6)).isEqualTo(nextShown);
		assertThat(cluster.get("/api/schedules/" + SCHEDULE).body()).containsEntry("paused", false)
			.containsEntry("nextFireTime", schedule.get("nextFireTime"));
	}

	@Test
	@Order(7)
	void theMapOfOneHundredThousandChunksIsDrawnWithinTwoSecondsOfOpeningThePage() throws Exception {
		long id = cluster.trigger(DashboardScaleJob.NAME, Map.of());
		try {
			awaitSliced(id, 100_000);
			browser.logIn(ChunkingCluster.OPERATOR, ChunkingCluster.PASSWORD);
			// The first read of a map after the master starts also compiles its path (1-4 s at 100,000 chunks on
			// the embedded Mongo-wire server, then 0.1-0.9 s): one read first, so that the page is timed as one
			// opened on a master that has served maps before. The page's own reads (the master keeps a map for 1 s)
			// are within the bound.
			long read = System.nanoTime();
			assertThat(cluster.send(cluster.request("/api/executions/" + id + "/chunk-map", ChunkingCluster.OPERATOR,
					ChunkingCluster.PASSWORD).timeout(RUN_TIMEOUT).GET().build()).status()).isEqualTo(200);
			System.out.printf("The master read the map of 100,000 chunks in %d ms%n",
					Duration.ofNanos(System.nanoTime() - read).toMillis());
			browser.open("#/executions/" + id);
			WebElement canvas = browser.byTestId("chunk-map");
			browser.until((driver) -> "true".equals(canvas.getDomAttribute("data-fully-drawn")));

			Map<?, ?> metrics = (Map<?, ?>) browser.script("return window.chunkingDashboard.metrics.chunkMap");
			System.out.println("The page's chunk map metrics: " + metrics);
			assertThat(((Number) metrics.get("chunks")).intValue()).isEqualTo(100_000);
			assertThat(canvas.getDomAttribute("data-chunk-count")).isEqualTo("100000");
			assertThat(((Number) metrics.get("firstFullDrawSinceNavigationMs")).doubleValue())
				.as("ms from navigation to the first draw of every chunk: %s", metrics).isLessThanOrEqualTo(2000);
			assertThat(((Number) metrics.get("maxDrawMs")).doubleValue()).as("longest draw: %s", metrics)
				.isLessThan(250);
			browser.screenshot("scale-execution");
		}
		finally {
			cluster.post("/api/executions/" + id + "/stop", "");
		}
	}

	/** A row of the executions table as shown: id, then the text of the job, status and progress cells. */
	record ExecutionRow(long id, String job, String status, String progress) {
	}

	private static List<ExecutionRow> executionRows() {
		return cells("execution-row").stream()
			.map((cells) -> new ExecutionRow(Long.parseLong(cells.get(0).substring(1)), cells.get(1), cells.get(2),
					cells.get(5)))
			.toList();
	}

	private static ExecutionRow row(List<ExecutionRow> rows, long id) {
		return rows.stream().filter((row) -> row.id() == id).findFirst().orElseThrow();
	}

	/** The rows shown once there are some and they all pass {@code test}; {@code null} until then. */
	private static @Nullable List<ExecutionRow> shownWhen(Predicate<List<ExecutionRow>> test) {
		List<ExecutionRow> shown = executionRows();
		return (!shown.isEmpty() && test.test(shown)) ? shown : null;
	}

	/** The text of each cell of the rows with that test id, read at once (the page redraws its rows every 2 s). */
	@SuppressWarnings("unchecked")
	private static List<List<String>> cells(String rowTestId) {
		return (List<List<String>>) browser.script("return [...document.querySelectorAll(arguments[0])]"
				+ ".map((row) => [...row.cells].map((cell) => cell.textContent))", "[data-testid='" + rowTestId + "']");
	}

	/** The cells of the schedule's row once {@code test} passes on them; {@code null} until then. */
	private static @Nullable List<String> scheduleRow(Predicate<List<String>> test) {
		return cells("schedule-row").stream()
			.filter((cells) -> cells.get(0).equals(SCHEDULE) && test.test(cells))
			.findFirst()
			.orElse(null);
	}

	/** Selects an option of a filter once the page has it (the jobs are listed after the view is shown). */
	private static void choose(String filterTestId, String value) {
		browser.until((driver) -> {
			Select select = new Select(browser.byTestId(filterTestId));
			if (select.getOptions().stream().noneMatch((option) -> value.equals(option.getDomAttribute("value")))) {
				return null;
			}
			select.selectByValue(value);
			return true;
		});
	}

	/** Requests of the list the page made since it was loaded. */
	private static long requestsOfTheList() {
		return ((Number) browser.script("return performance.getEntriesByType('resource')"
				+ ".filter((entry) => /\\/api\\/executions\\?/.test(entry.name)).length")).longValue();
	}

	/** Requests of single executions ({@code /api/executions/{id}...}) the page made since it was loaded. */
	private static List<?> executionViewRequests() {
		return (List<?>) browser.script("return performance.getEntriesByType('resource').map((entry) => entry.name)"
				+ ".filter((name) => /\\/api\\/executions\\/\\d+/.test(name))");
	}

	private static void type(WebElement form, String parameter, String value) {
		WebElement input = form.findElement(testId("param-" + parameter));
		input.clear();
		input.sendKeys(value);
	}

	private static long openedExecution() {
		return browser.until((driver) -> {
			String hash = browser.currentHash();
			return hash.matches("#/executions/\\d+") ? Long.parseLong(hash.substring("#/executions/".length())) : null;
		});
	}

	/** Clicks the chunk map's cell of a chunk (one chunk per cell at this size), from the cell size it drew. */
	private static void clickChunk(int index) {
		WebElement canvas = browser.byTestId("chunk-map");
		int size = Integer.parseInt(canvas.getDomAttribute("data-cell-size"));
		Dimension box = canvas.getSize();
		int columns = box.getWidth() / size;
		int x = (index % columns) * size + size / 2;
		int y = (index / columns) * size + size / 2;
		new Actions(browser.driver()).moveToElement(canvas, x - box.getWidth() / 2, y - box.getHeight() / 2)
			.click()
			.perform();
	}

	/** Sends a POST from the page with the signed-in user's credentials: "status body". */
	private static String forge(String path) {
		return (String) browser.asyncScript("""
				const done = arguments[arguments.length - 1];
				const login = JSON.parse(sessionStorage.getItem('chunking.dashboard.credentials'));
				fetch(arguments[0], { method: 'POST', body: '{}', headers: {
					'Authorization': 'Basic ' + btoa(login.user + ':' + login.password),
					'X-Requested-With': 'chunking-dashboard', 'Content-Type': 'application/json' } })
					.then((r) => r.text().then((body) => done(r.status + ' ' + body)), (e) => done('failed ' + e));
				""", path);
	}

	private static long total(String job) throws Exception {
		return totalOf("/api/executions?jobName=" + job);
	}

	/** The total of a query of the executions list. */
	private static long totalOf(String query) throws Exception {
		return ((Number) cluster.get(query).body().get("total")).longValue();
	}

	/** Waits until the ledger holds every chunk of the execution (its slice step is done). */
	private static void awaitSliced(long id, int chunks) throws Exception {
		long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
		Object total = null;
		while (System.nanoTime() < deadline) {
			Map<?, ?> counts = (Map<?, ?>) cluster.get("/api/executions/" + id).body().get("chunks");
			total = (counts != null) ? counts.get("total") : null;
			if (total instanceof Number number && number.intValue() == chunks) {
				return;
			}
			Thread.sleep(1000);
		}
		throw new AssertionError("Execution " + id + " recorded " + total + " chunks of " + chunks + " within "
				+ RUN_TIMEOUT);
	}

}
