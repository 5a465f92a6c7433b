package io.chunking.master.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

import sun.misc.Signal;

/**
 * Runs embedded servers of the default infrastructure on their own, without a master: the ones named by
 * {@code chunking.embedded.servers} (of {@code jdbc}, {@code mongo}, {@code s3}, {@code broker}; all by default),
 * with the same {@code chunking.embedded.*} settings as a master would use. A development set-up with several
 * masters, or a test that stops one store while masters and workers run, starts them this way:
 *
 * <pre>
 * java -Dloader.main=io.chunking.master.embedded.EmbeddedServersApplication -jar master-app.jar \
 *     --chunking.embedded.servers=mongo --chunking.embedded.mongo-port=27017 --chunking.embedded.data-dir=data
 * </pre>
 *
 * Masters and workers then reach them through external URLs. SIGTERM stops the servers and exits with 0; their data
 * stays in the data directory for the next start.
 */
public final class EmbeddedServersApplication {

	private EmbeddedServersApplication() {
	}

	/** The servers named by {@code chunking.embedded.servers}, checked. */
	static EmbeddedInfrastructure start(Environment environment) throws Exception {
		EmbeddedProperties properties = Binder.get(environment)
			.bindOrCreate("chunking.embedded", EmbeddedProperties.class);
		List<String> named = List.of(environment.getProperty("chunking.embedded.servers", String[].class,
				EmbeddedInfrastructure.SERVERS.toArray(String[]::new)));
		Set<String> servers = new LinkedHashSet<>();
		for (String server : named) {
			String name = server.trim();
			if (!EmbeddedInfrastructure.SERVERS.contains(name)) {
				throw new IllegalArgumentException("chunking.embedded.servers names '" + name
						+ "', which is not an embedded server; the servers are " + EmbeddedInfrastructure.SERVERS);
			}
			servers.add(name);
		}
		return new EmbeddedInfrastructure(properties, servers, EmbeddedInfrastructure.triggerQueue(environment));
	}

	public static void main(String[] args) throws InterruptedException {
		// No annotation on this class: the master's component scan must not pick it up as configuration.
		SpringApplication application = new SpringApplicationBuilder(EmbeddedServersApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.initializers((GenericApplicationContext context) -> context.registerBean(
					EmbeddedInfrastructure.BEAN_NAME, EmbeddedInfrastructure.class,
					() -> startQuietly(context.getEnvironment()), (definition) -> definition.setDestroyMethodName("close")))
			.build();
		ConfigurableApplicationContext context = application.run(args);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
		Signal.handle(new Signal("TERM"), (signal) -> new Thread(() -> {
			context.close();
			System.exit(0);
		}, "chunking-shutdown").start());
		// The servers' own threads may all be daemons: keep the process until the servers are stopped.
		closed.await();
	}

	private static EmbeddedInfrastructure startQuietly(Environment environment) {
		try {
			return start(environment);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
