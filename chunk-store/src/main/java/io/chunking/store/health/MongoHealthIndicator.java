package io.chunking.store.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.mongodb.client.MongoClient;

/**
 * UP when the chunk store's MongoDB database answers a {@code ping} within the timeout.
 */
public class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoClient mongo;

	private final String database;

	private final Duration timeout;

	public MongoHealthIndicator(MongoClient mongo, String database, Duration timeout) {
		super("MongoDB health check failed");
		this.mongo = mongo;
		this.database = database;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		// Set first, so that a failure names the database too.
		builder.withDetail("database", this.database);
		this.mongo.getDatabase(this.database)
			.withTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.runCommand(new Document("ping", 1));
		builder.up();
	}

}
