package io.chunking.store.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.util.FileSystemUtils;

import com.mongodb.client.MongoClient;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One set of {@link StoreServers}, with one client of each, shared by every test class of the JVM that is extended
 * with {@link Resolver} and takes a parameter of this type: the servers start once for all the backends' contract
 * tests and stop when the test run ends. Tests that stop servers (outage tests) start their own instead.
 */
public final class SharedStoreServers implements AutoCloseable {

	private final Path dataDir;

	private final StoreServers servers;

	private final MongoClient mongo;

	private final S3Client s3;

	private SharedStoreServers(Path dataDir) throws Exception {
		this.dataDir = dataDir;
		this.servers = new StoreServers(dataDir);
		this.mongo = this.servers.mongoClient();
		this.s3 = this.servers.s3Client();
	}

	public StoreServers servers() {
		return this.servers;
	}

	public MongoClient mongo() {
		return this.mongo;
	}

	public S3Client s3() {
		return this.s3;
	}

	@Override
	public void close() throws Exception {
		this.mongo.close();
		this.s3.close();
		this.servers.close();
		FileSystemUtils.deleteRecursively(this.dataDir);
	}

	private static SharedStoreServers start() {
		try {
			return new SharedStoreServers(Files.createTempDirectory("store-servers"));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the test store servers: " + ex.getMessage(), ex);
		}
	}

	/** Resolves parameters of type {@link SharedStoreServers}, starting the servers on first use. */
	public static final class Resolver implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == SharedStoreServers.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot()
				.getStore(ExtensionContext.Namespace.GLOBAL)
				.computeIfAbsent(SharedStoreServers.class, (key) -> start(), SharedStoreServers.class);
		}

	}

}
