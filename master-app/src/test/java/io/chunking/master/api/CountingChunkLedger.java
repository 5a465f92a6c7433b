package io.chunking.master.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.chunking.store.ChunkLedger;

/**
 * A decorator of a real {@link ChunkLedger} that passes every call on to it and counts the calls of each method:
 * to show how often the API reads the ledger.
 */
final class CountingChunkLedger {

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final ChunkLedger ledger;

	CountingChunkLedger(ChunkLedger real) {
		this(real, (method) -> {
		});
	}

	/** @param beforeCall told the name of each method called, before the call is made on the real ledger */
	CountingChunkLedger(ChunkLedger real, Consumer<String> beforeCall) {
		this.ledger = (ChunkLedger) Proxy.newProxyInstance(ChunkLedger.class.getClassLoader(),
				new Class<?>[] { ChunkLedger.class }, (proxy, method, args) -> {
					this.calls.computeIfAbsent(method.getName(), (name) -> new AtomicInteger()).incrementAndGet();
					beforeCall.accept(method.getName());
					try {
						return method.invoke(real, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/** The ledger to use: each call counted, then made on the real one. */
	ChunkLedger ledger() {
		return this.ledger;
	}

	/** How many times the method of that name was called. */
	int calls(String method) {
		AtomicInteger count = this.calls.get(method);
		return (count != null) ? count.get() : 0;
	}

}
