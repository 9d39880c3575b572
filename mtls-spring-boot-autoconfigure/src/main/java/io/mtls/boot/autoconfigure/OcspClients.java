package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.revocation.OcspClient;

/**
 * Creates the OCSP client {@code mtls.revocation.ocsp.*} asks for.
 */
final class OcspClients {

	private OcspClients() {
	}

	static OcspClient create(MtlsProperties.Revocation revocation) {
		return null;
	}

}
