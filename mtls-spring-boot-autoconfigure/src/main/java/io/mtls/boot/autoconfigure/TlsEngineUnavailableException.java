package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.MtlsStartupException;
import org.jspecify.annotations.Nullable;

/**
 * The TLS engine asked for by {@code mtls.server.engine} cannot load: its dependency is
 * missing, its native library does not load on this platform, or the JVM refuses native
 * access.
 */
public class TlsEngineUnavailableException extends MtlsStartupException {

	TlsEngineUnavailableException(String description, String action, @Nullable Throwable cause) {
		super(description, action, cause);
	}

}
