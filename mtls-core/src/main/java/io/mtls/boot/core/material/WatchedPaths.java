package io.mtls.boot.core.material;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.mtls.boot.core.MaterialSource;

/**
 * The file system paths behind material sources, for watching.
 */
final class WatchedPaths {

	private WatchedPaths() {
	}

	/**
	 * Returns the paths of the given sources, leaving out those that are not files (such
	 * as classpath resources), which cannot change while the application runs.
	 * @param sources the sources
	 * @return their paths
	 */
	static List<Path> of(List<MaterialSource> sources) {
		return sources.stream().map(MaterialSource::path).filter(Objects::nonNull).toList();
	}

}
