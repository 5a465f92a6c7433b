package io.chunking.connectors.s3;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.chunking.connectors.SinkException;
import io.chunking.job.CompletedRun;
import io.chunking.job.CountedAttempt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manifest of one completed run of an {@link S3Sink}: checks the counted attempts' objects against one listing of
 * the instance's prefix, writes the manifest, and deletes the objects of the attempts that do not count. It reads the
 * counted attempts from the run once and holds the counted attempt number and output count of each chunk (12 bytes a
 * chunk); the listing is read page by page.
 */
final class S3Manifest {

	/** Most missing objects a failure names. */
	private static final int MISSING_NAMED = 5;

	/** Most keys one DeleteObjects request may name. */
	private static final int DELETE_BATCH = 1000;

	private static final Pattern ATTEMPT_OBJECT = Pattern
		.compile("chunk-(\\d+)-attempt-(\\d+)\\.((?:ndjson|csv)(?:\\.gz)?)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final S3Client s3;

	private final String bucket;

	private final String instance;

	private final String format;

	private final String extension;

	private final CompletedRun run;

	/** Counted attempt of each chunk, 0 for a chunk without one. */
	private final int[] attempts;

	/** Outputs of the counted attempt of each chunk. */
	private final long[] written;

	private long items;

	private int objects;

	S3Manifest(S3Client s3, String bucket, String instance, String format, String extension, CompletedRun run) {
		this.s3 = s3;
		this.bucket = bucket;
		this.instance = instance;
		this.format = format;
		this.extension = extension;
		this.run = run;
		this.attempts = new int[run.chunkCount()];
		this.written = new long[run.chunkCount()];
	}

	/**
	 * Reads the counted attempts and checks that each one's object exists.
	 * @throws SinkException naming the missing objects
	 */
	void check() {
		try (Stream<CountedAttempt> counted = this.run.countedAttempts()) {
			counted.forEach((attempt) -> {
				if (attempt.chunkIndex() < 0 || attempt.chunkIndex() >= this.attempts.length) {
					throw new SinkException("Completing the S3 sink of " + where() + " failed: chunk "
							+ attempt.chunkIndex() + " of a counted attempt is not one of the run's "
							+ this.attempts.length + " chunks");
				}
				this.attempts[attempt.chunkIndex()] = attempt.attempt();
				this.written[attempt.chunkIndex()] = attempt.itemsWritten();
				this.items += attempt.itemsWritten();
				this.objects++;
			});
		}
		BitSet found = new BitSet(this.attempts.length);
		forEachAttemptObject((object) -> {
			if (isCounted(object)) {
				found.set(object.chunk());
			}
		});
		List<String> missing = new ArrayList<>();
		int missingCount = 0;
		for (int chunk = 0; chunk < this.attempts.length; chunk++) {
			if (this.attempts[chunk] != 0 && !found.get(chunk)) {
				missingCount++;
				if (missing.size() < MISSING_NAMED) {
					missing.add(uri(key(chunk, this.attempts[chunk])));
				}
			}
		}
		if (missingCount > 0) {
			throw new SinkException("Completing the S3 sink of " + where() + " failed: " + missingCount + " of the "
					+ this.objects + " counted objects " + (missingCount == 1 ? "is" : "are") + " missing, "
					+ String.join(", ", missing) + ((missingCount > missing.size()) ? ", ..." : "") + "; their "
					+ "attempts uploaded them, so they were deleted since, or the sink's prefix or gzip setting "
					+ "changed; no manifest was written");
		}
	}

	/** Writes the manifest of the checked attempts, in chunk order. */
	void write(OutputStream out) {
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("jobName", this.run.jobName());
			json.writeNumberProperty("jobInstanceId", this.run.jobInstanceId());
			json.writeNumberProperty("jobExecutionId", this.run.jobExecutionId());
			json.writeStringProperty("bucket", this.bucket);
			json.writeStringProperty("format", this.format);
			json.writeBooleanProperty("gzip", this.extension.endsWith(".gz"));
			json.writeNumberProperty("chunkCount", this.run.chunkCount());
			json.writeNumberProperty("items", this.items);
			json.writeNumberProperty("objectCount", this.objects);
			json.writeName("objects");
			json.writeStartArray();
			for (int chunk = 0; chunk < this.attempts.length; chunk++) {
				if (this.attempts[chunk] != 0) {
					json.writeStartObject();
					json.writeStringProperty("key", key(chunk, this.attempts[chunk]));
					json.writeNumberProperty("chunk", chunk);
					json.writeNumberProperty("attempt", this.attempts[chunk]);
					json.writeNumberProperty("items", this.written[chunk]);
					json.writeEndObject();
				}
			}
			json.writeEndArray();
			json.writeName("deadChunks");
			json.writeStartArray();
			for (int chunk : this.run.deadChunks()) {
				json.writeNumber(chunk);
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	/** Deletes the attempt objects under the instance's prefix that the manifest does not list. */
	void deleteUncounted() {
		List<ObjectIdentifier> batch = new ArrayList<>();
		forEachAttemptObject((object) -> {
			if (!isCounted(object)) {
				batch.add(ObjectIdentifier.builder().key(object.key()).build());
				if (batch.size() == DELETE_BATCH) {
					delete(batch);
					batch.clear();
				}
			}
		});
		if (!batch.isEmpty()) {
			delete(batch);
		}
	}

	private void delete(List<ObjectIdentifier> keys) {
		DeleteObjectsResponse response;
		try {
			response = this.s3.deleteObjects((request) -> request.bucket(this.bucket)
				.delete(Delete.builder().objects(keys).quiet(true).build()));
		}
		catch (SdkException ex) {
			throw new SinkException("Deleting the uncounted objects of " + where() + " failed: "
					+ S3Errors.problem(ex, this.bucket), ex);
		}
		if (response.hasErrors() && !response.errors().isEmpty()) {
			S3Error error = response.errors().get(0);
			throw new SinkException("Deleting the uncounted objects of " + where() + " failed for "
					+ response.errors().size() + " of them, e.g. " + uri(error.key()) + ": " + error.code() + " "
					+ error.message() + "; the manifest is written and lists the valid objects");
		}
	}

	private boolean isCounted(AttemptObject object) {
		return object.extension().equals(this.extension) && object.chunk() < this.attempts.length
				&& this.attempts[object.chunk()] == object.attempt();
	}

	/** Calls back with the objects named like attempt objects under the instance's prefix, listed page by page. */
	private void forEachAttemptObject(Consumer<AttemptObject> action) {
		String prefix = this.instance + "chunk-";
		try {
			for (S3Object object : this.s3
				.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix))
				.contents()) {
				AttemptObject attemptObject = parse(object.key());
				if (attemptObject != null) {
					action.accept(attemptObject);
				}
			}
		}
		catch (SdkException ex) {
			throw new SinkException("Listing the objects of " + where() + " failed: "
					+ S3Errors.problem(ex, this.bucket), ex);
		}
	}

	private @Nullable AttemptObject parse(String key) {
		Matcher matcher = ATTEMPT_OBJECT.matcher(key.substring(this.instance.length()));
		if (!matcher.matches()) {
			return null;
		}
		try {
			return new AttemptObject(key, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
					matcher.group(3));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private String key(int chunk, int attempt) {
		return this.instance + S3Sink.attemptObject(chunk, attempt, this.extension);
	}

	private String uri(String key) {
		return "s3://" + this.bucket + "/" + key;
	}

	/** Job, instance and prefix, as messages name them. */
	private String where() {
		return "job '" + this.run.jobName() + "' instance " + this.run.jobInstanceId() + " (" + uri(this.instance)
				+ ")";
	}

	/** An object named like the object of a chunk attempt. */
	private record AttemptObject(String key, int chunk, int attempt, String extension) {
	}

}
