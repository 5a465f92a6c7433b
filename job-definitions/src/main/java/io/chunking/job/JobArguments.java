package io.chunking.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The validated arguments of one run of a chunked job: every declared parameter has a typed value (given or
 * default), and nothing undeclared is present.
 */
public final class JobArguments {

	private final Map<String, Object> values;

	private final Map<String, String> raw;

	JobArguments(Map<String, Object> values, Map<String, String> raw) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
	}

	/**
	 * Validates {@code given} against {@code specs}: unknown names, missing required values, unparsable values and
	 * values out of range are rejected with a message naming the parameter.
	 * @throws InvalidJobArgumentsException on the first problem found
	 */
	public static JobArguments validate(List<JobParameterSpec> specs, Map<String, String> given) {
		Map<String, JobParameterSpec> byName = new LinkedHashMap<>();
		specs.forEach((spec) -> byName.put(spec.name(), spec));
		for (String name : given.keySet()) {
			if (!byName.containsKey(name)) {
				throw new InvalidJobArgumentsException(name, "is not a parameter of this job; its parameters are "
						+ byName.keySet());
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		Map<String, String> raw = new LinkedHashMap<>();
		for (JobParameterSpec spec : specs) {
			String value = given.get(spec.name());
			if (value == null) {
				if (spec.defaultValue() == null) {
					if (spec.required()) {
						throw new InvalidJobArgumentsException(spec.name(), "is required");
					}
					continue;
				}
				value = spec.defaultValue();
			}
			values.put(spec.name(), spec.parse(value));
			raw.put(spec.name(), value);
		}
		return new JobArguments(values, raw);
	}

	public long getLong(String name) {
		return ((Number) require(name)).longValue();
	}

	public int getInt(String name) {
		return Math.toIntExact(getLong(name));
	}

	public double getDouble(String name) {
		return ((Number) require(name)).doubleValue();
	}

	/** The value of a parameter as text, or {@code null} if it has none (no value given and no default). */
	public @Nullable String getString(String name) {
		Object value = this.values.get(name);
		return (value != null) ? value.toString() : null;
	}

	@SuppressWarnings("unchecked")
	public List<Integer> getIntList(String name) {
		return (List<Integer>) require(name);
	}

	public boolean has(String name) {
		return this.values.containsKey(name);
	}

	/** The arguments as the strings they were given (or defaulted) as, in declaration order. */
	public Map<String, String> asStrings() {
		return this.raw;
	}

	private Object require(String name) {
		Object value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No value for parameter '" + name + "'; known: " + this.values.keySet());
		}
		return value;
	}

	@Override
	public String toString() {
		return this.raw.toString();
	}

}
