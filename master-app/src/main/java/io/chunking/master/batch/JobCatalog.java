package io.chunking.master.batch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.master.manager.ChunkedJobFactory;

/**
 * The chunked jobs this master knows: one per {@link ChunkedJobDefinition} bean found on the classpath, each turned
 * into a Spring Batch job and registered in the {@link JobRegistry} (so restart by execution id works). Two
 * definitions with one name fail the start-up.
 */
public class JobCatalog {

	private static final Log logger = LogFactory.getLog(JobCatalog.class);

	private final Map<String, ChunkedJobDefinition<?, ?>> definitions = new TreeMap<>();

	private final Map<String, Job> jobs = new LinkedHashMap<>();

	JobCatalog(List<ChunkedJobDefinition<?, ?>> definitions, ChunkedJobFactory factory, JobRegistry registry)
			throws Exception {
		for (ChunkedJobDefinition<?, ?> definition : definitions) {
			if (this.definitions.putIfAbsent(definition.getName(), definition) != null) {
				throw new IllegalStateException("Two job definitions are named '" + definition.getName() + "'");
			}
			Job job = factory.create(definition);
			registry.register(job);
			this.jobs.put(definition.getName(), job);
		}
		logger.info("Chunked jobs: " + this.definitions.keySet());
	}

	/**
	 * @throws NoSuchChunkedJobException listing the known jobs if there is none named {@code name}
	 */
	public ChunkedJobDefinition<?, ?> definition(String name) {
		ChunkedJobDefinition<?, ?> definition = this.definitions.get(name);
		if (definition == null) {
			throw new NoSuchChunkedJobException(name, this.definitions.keySet());
		}
		return definition;
	}

	public Job job(String name) {
		definition(name);
		return this.jobs.get(name);
	}

	public Collection<ChunkedJobDefinition<?, ?>> definitions() {
		return this.definitions.values();
	}

}
