package io.chunking.job;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Declaration of one parameter of a chunked job: name, type, default, whether it is required, and for numbers the
 * allowed range. Triggers (REST, CLI, cron) are validated against these declarations before anything starts.
 *
 * @param name parameter name
 * @param type parameter type
 * @param defaultValue value used when the parameter is not given, {@code null} for none
 * @param required whether a value must be given (only meaningful without a default)
 * @param description what the parameter does
 * @param min smallest allowed value of a number, {@code null} for no bound
 * @param max largest allowed value of a number, {@code null} for no bound
 */
public record JobParameterSpec(String name, ParameterType type, @Nullable String defaultValue, boolean required,
		String description, @Nullable Double min, @Nullable Double max) {

	public JobParameterSpec {
		Assert.hasText(name, "name must not be empty");
		Assert.notNull(type, "type must not be null");
		Assert.isTrue(min == null || max == null || min <= max, () -> "min of '" + name + "' must not exceed max");
	}

	public static JobParameterSpec longParam(String name, long defaultValue, String description) {
		return new JobParameterSpec(name, ParameterType.LONG, Long.toString(defaultValue), false, description, null,
				null);
	}

	public static JobParameterSpec doubleParam(String name, double defaultValue, String description) {
		return new JobParameterSpec(name, ParameterType.DOUBLE, Double.toString(defaultValue), false, description,
				null, null);
	}

	public static JobParameterSpec stringParam(String name, @Nullable String defaultValue, String description) {
		return new JobParameterSpec(name, ParameterType.STRING, defaultValue, defaultValue == null, description,
				null, null);
	}

	public static JobParameterSpec intListParam(String name, String description) {
		return new JobParameterSpec(name, ParameterType.INT_LIST, "", false, description, null, null);
	}

	/** A copy that requires a value between {@code min} and {@code max}, inclusive. */
	public JobParameterSpec range(double min, double max) {
		Assert.isTrue(this.type == ParameterType.LONG || this.type == ParameterType.DOUBLE,
				() -> "range applies to numbers, '" + this.name + "' is " + this.type);
		return new JobParameterSpec(this.name, this.type, this.defaultValue, this.required, this.description, min,
				max);
	}

	/** A copy without a default, that must be given. */
	public JobParameterSpec requiredValue() {
		return new JobParameterSpec(this.name, this.type, null, true, this.description, this.min, this.max);
	}

	/**
	 * Parses and checks one value.
	 * @throws InvalidJobArgumentsException naming this parameter if the value is not of its type or out of range
	 */
	Object parse(String value) {
		Object parsed;
		try {
			parsed = this.type.parse(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobArgumentsException(this.name,
					"'" + value + "' is not a valid " + this.type.name().toLowerCase() + " (" + ex.getMessage() + ")");
		}
		if (parsed instanceof Number number) {
			double numeric = number.doubleValue();
			if ((this.min != null && numeric < this.min) || (this.max != null && numeric > this.max)) {
				throw new InvalidJobArgumentsException(this.name,
						"must be between " + format(this.min) + " and " + format(this.max) + ", was " + value);
			}
		}
		return parsed;
	}

	private static String format(@Nullable Double bound) {
		if (bound == null) {
			return "unbounded";
		}
		return (bound == Math.rint(bound)) ? Long.toString(bound.longValue()) : bound.toString();
	}

}
