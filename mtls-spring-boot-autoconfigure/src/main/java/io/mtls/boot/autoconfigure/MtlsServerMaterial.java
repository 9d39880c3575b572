package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.ServerMaterial;

/**
 * The validated material the embedded server serves and the SSL bundle it is registered
 * under.
 *
 * @param bundleName the SSL bundle name
 * @param material the validated material
 */
public record MtlsServerMaterial(String bundleName, ServerMaterial material) {
}
