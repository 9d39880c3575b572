package io.mtls.boot.core.material;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import org.jspecify.annotations.Nullable;

/**
 * Where a server's material comes from: one key source and at most one trust source,
 * chosen once from the configuration and then loaded at startup and on every reload.
 *
 * @param key where the key and chain come from
 * @param trust where the trusted CAs come from, or {@code null} when none is configured
 * @param missingTrust the failure to raise when no trust material loads, or {@code null}
 * when the server may serve without verifying clients
 */
public record ServerMaterialSource(KeySource key, @Nullable TrustSource trust,
		@Nullable Supplier<? extends MtlsStartupException> missingTrust) {

	/**
	 * Loads the key and trust material and validates them together (see
	 * {@link ServerMaterial#validated}).
	 * @param now the instant the material must be valid at
	 * @return the validated material
	 * @throws MtlsStartupException if anything cannot be loaded or is invalid
	 */
	public ServerMaterial load(Instant now) {
		KeyMaterial loadedKey = this.key.load();
		Optional<TrustMaterial> loadedTrust = (this.trust != null) ? this.trust.load() : Optional.empty();
		if (loadedTrust.isEmpty() && this.missingTrust != null) {
			throw this.missingTrust.get();
		}
		return ServerMaterial.validated(loadedKey, loadedTrust.orElse(null), now);
	}

	/**
	 * Returns every file and directory behind the key and trust material, for watching.
	 * @return the paths
	 */
	public List<Path> watchedPaths() {
		List<Path> paths = new ArrayList<>(this.key.watchedPaths());
		if (this.trust != null) {
			paths.addAll(this.trust.watchedPaths());
		}
		return List.copyOf(paths);
	}

}
