package io.mtls.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property names are public API: the configuration metadata the annotation processor
 * generates from the properties classes lists exactly the keys of the snapshot
 * {@code configuration-metadata-keys.txt}, each with a description from its javadoc. A
 * key added on purpose goes into the snapshot too.
 */
class ConfigurationMetadataKeysTests {

	private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	@Test
	void generatedMetadataListsExactlyTheSnapshotKeys() throws IOException {
		List<String> names = JsonPath.read(Files.readString(METADATA), "$.properties[*].name");
		assertThat(names).containsExactlyInAnyOrderElementsOf(snapshot());
	}

	@Test
	void everyMtlsPropertyIsDescribed() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(Files.readString(METADATA),
				"$.properties[?(@.name =~ /mtls\\..*/)]");
		assertThat(properties).isNotEmpty()
			.allSatisfy((property) -> assertThat(property.get("description")).as((String) property.get("name"))
				.isInstanceOf(String.class));
	}

	private static List<String> snapshot() throws IOException {
		try (var in = ConfigurationMetadataKeysTests.class.getResourceAsStream("/configuration-metadata-keys.txt")) {
			return new String(in.readAllBytes()).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
		}
	}

}
