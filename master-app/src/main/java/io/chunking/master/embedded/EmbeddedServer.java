package io.chunking.master.embedded;

/**
 * One embedded server of the default infrastructure. Started when its bean is created (before any client bean that
 * depends on it), stopped when the context closes.
 */
interface EmbeddedServer extends AutoCloseable {

	/** What a log line should call it, with its address. */
	String describe();

	@Override
	void close() throws Exception;

}
