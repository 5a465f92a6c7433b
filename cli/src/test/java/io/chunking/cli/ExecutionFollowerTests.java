package io.chunking.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run --follow} over HTTP when the master's answers fail on the way: a poll that may pass (503 while the
 * master is overloaded or handing over) is made again, any other error or too many failures in a row end following.
 * The answers come from a local HTTP server scripted per poll, since a real master cannot be made to fail a given
 * poll; the CLI's requests, parsing and retries are the real ones.
 */
class ExecutionFollowerTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void pollsThatMayPassAreMadeAgainUntilTheExecutionEnds() throws IOException {
		AtomicInteger polls = serve(List.of(ok("STARTED"), error(503), error(503), ok("STARTED"), ok("COMPLETED")));
		assertThat(follower().follow(7)).isEqualTo(ExitCodes.OK);
		assertThat(polls).hasValue(5);
		assertThat(text(this.err)).contains("polling again (1 of " + ExecutionFollower.MAX_FAILED_POLLS,
				"polling again (2 of ");
		assertThat(text(this.out)).contains("COMPLETED");
	}

	@Test
	void anErrorThatCannotPassEndsFollowingAtOnce() throws IOException {
		AtomicInteger polls = serve(List.of(ok("STARTED"), error(404), ok("COMPLETED")));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> follower().follow(7))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));
		assertThat(polls).hasValue(2);
	}

	@Test
	void followingGivesUpAfterTooManyFailedPollsInARow() throws IOException {
		List<String[]> answers = new ArrayList<>();
		answers.add(ok("STARTED"));
		for (int i = 0; i < ExecutionFollower.MAX_FAILED_POLLS + 5; i++) {
			answers.add(error(503));
		}
		AtomicInteger polls = serve(answers);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> follower().follow(7))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		assertThat(polls).hasValue(1 + ExecutionFollower.MAX_FAILED_POLLS);
	}

	private ExecutionFollower follower() {
		String url = "http://127.0.0.1:" + this.server.getAddress().getPort();
		JsonMapper json = JsonMapper.builder().build();
		CommandContext context = new CommandContext(CliArguments.parse("run", "job", "--follow"),
				new ApiClient(new Connection(url, "ops", "secret"), json), print(this.out), print(this.err), json,
				false);
		return new ExecutionFollower(context, Duration.ofMillis(10), Duration.ofMinutes(1));
	}

	/** Answers each poll of execution 7 with the next of these (status, body), the last one from then on. */
	private AtomicInteger serve(List<String[]> answers) throws IOException {
		AtomicInteger polls = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/executions/7", (exchange) -> {
			String[] answer = answers.get(Math.min(polls.getAndIncrement(), answers.size() - 1));
			byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
			try (OutputStream stream = exchange.getResponseBody()) {
				stream.write(body);
			}
		});
		this.server.start();
		return polls;
	}

	private static String[] ok(String status) {
		return new String[] { "200", "{\"id\":7,\"jobName\":\"job\",\"status\":\"" + status + "\",\"progress\":50.0,"
				+ "\"chunks\":{\"total\":2,\"succeeded\":1},\"items\":{\"read\":1,\"written\":1,\"skipped\":0}}" };
	}

	private static String[] error(int status) {
		return new String[] { Integer.toString(status),
				"{\"error\":\"e\",\"message\":\"The master answered " + status + "\"}" };
	}

	private static PrintStream print(ByteArrayOutputStream stream) {
		return new PrintStream(stream, true, StandardCharsets.UTF_8);
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
