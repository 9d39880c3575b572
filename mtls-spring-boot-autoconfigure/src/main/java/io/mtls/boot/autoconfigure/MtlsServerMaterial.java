package io.mtls.boot.autoconfigure;

import java.time.Instant;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.server.MtlsSslBundleRegistrar;

/**
 * The validated material the embedded server serves and the SSL bundle it is registered
 * under.
 *
 * @param bundleName the SSL bundle name
 * @param material the validated material
 */
public record MtlsServerMaterial(String bundleName, ServerMaterial material) {

	/**
	 * Loads the material a source holds now, for the starter's own SSL bundle.
	 * @param source the source
	 * @return the material under the starter's bundle name
	 */
	static MtlsServerMaterial loadedFrom(ServerMaterialSource source) {
		return new MtlsServerMaterial(MtlsSslBundleRegistrar.BUNDLE_NAME, source.load(Instant.now()));
	}

}
