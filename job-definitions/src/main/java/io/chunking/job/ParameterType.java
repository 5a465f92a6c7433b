package io.chunking.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Types of job parameters. Values arrive as strings (REST, CLI, cron) and are parsed by their type.
 */
public enum ParameterType {

	LONG {
		@Override
		Object parse(String value) {
			return Long.parseLong(value.trim());
		}
	},

	DOUBLE {
		@Override
		Object parse(String value) {
			double parsed = Double.parseDouble(value.trim());
			if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
				throw new NumberFormatException("not a finite number");
			}
			return parsed;
		}
	},

	STRING {
		@Override
		Object parse(String value) {
			return value;
		}
	},

	/** Comma-separated list of non-negative integers, e.g. {@code 3,17}; empty for none. */
	INT_LIST {
		@Override
		Object parse(String value) {
			List<Integer> values = new ArrayList<>();
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					int parsed = Integer.parseInt(part.trim());
					if (parsed < 0) {
						throw new NumberFormatException("negative value " + parsed);
					}
					values.add(parsed);
				}
			}
			return List.copyOf(values);
		}
	};

	/**
	 * @throws NumberFormatException if {@code value} is not of this type
	 */
	abstract Object parse(String value);

}
