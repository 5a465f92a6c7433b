package io.chunking.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps docs/configuration.md true to the code: every property the modules declare (the configuration metadata
 * generated from the {@code @ConfigurationProperties} classes at build time) is in the reference.
 */
class ConfigurationReferenceTests {

	private static final List<String> MODULES = List.of("chunk-store", "chunk-protocol", "app-support", "master-app",
			"slave-worker", "samples");

	@Test
	void everyDeclaredPropertyIsDocumented() throws Exception {
		Path root = Path.of("").toAbsolutePath().getParent();
		String reference = Files.readString(root.resolve("docs/configuration.md"));
		JsonMapper json = JsonMapper.builder().build();
		List<String> declared = new ArrayList<>();
		for (String module : MODULES) {
			Path metadata = root.resolve(module + "/target/classes/META-INF/spring-configuration-metadata.json");
			assertThat(metadata).as("metadata of %s (built before samples)", module).exists();
			for (JsonNode property : json.readTree(metadata.toFile()).get("properties")) {
				declared.add(property.get("name").asString());
			}
		}
		assertThat(declared).as("properties declared").hasSizeGreaterThan(40);
		List<String> missing = declared.stream()
			.filter((name) -> !reference.contains("`" + name + "`") && !reference.contains("`" + name + "[i]"))
			.toList();
		assertThat(missing).as("properties missing from docs/configuration.md").isEmpty();
	}

}
