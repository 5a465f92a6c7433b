package io.chunking.connectors.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The column values of a record: one per component, named in snake case ({@code profileId} fills
 * {@code profile_id}), in declaration order.
 */
final class RecordColumns {

	private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {

		@Override
		protected Map<String, Method> computeValue(Class<?> type) {
			Map<String, Method> accessors = new LinkedHashMap<>();
			for (RecordComponent component : type.getRecordComponents()) {
				Method accessor = component.getAccessor();
				accessor.setAccessible(true);
				accessors.put(SqlNames.snakeCase(component.getName()), accessor);
			}
			return accessors;
		}

	};

	private RecordColumns() {
	}

	static Map<String, @Nullable Object> of(Object output) {
		if (!output.getClass().isRecord()) {
			throw new IllegalStateException("Output " + output + " is a " + output.getClass().getName()
					+ ", not a record: give the JDBC sink a columns(..) function that makes its column values");
		}
		Map<String, @Nullable Object> columns = new LinkedHashMap<>();
		ACCESSORS.get(output.getClass()).forEach((column, accessor) -> {
			try {
				columns.put(column, accessor.invoke(output));
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("Cannot read " + accessor + " of output " + output, ex);
			}
		});
		return columns;
	}

}
