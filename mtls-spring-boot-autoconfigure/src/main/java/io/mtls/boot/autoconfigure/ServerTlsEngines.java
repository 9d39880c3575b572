package io.mtls.boot.autoconfigure;

import io.mtls.boot.autoconfigure.MtlsServerProperties.Engine;
import io.mtls.boot.core.tls.ServerTlsEngine;
import io.mtls.boot.server.openssl.OpenSslServerTlsEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Turns {@code mtls.server.engine} into the engine that builds the server's contexts:
 * 'openssl' loads or stops startup naming the missing piece, 'auto' falls back to the
 * JDK's and says so.
 */
final class ServerTlsEngines {

	private static final Log logger = LogFactory.getLog(ServerTlsEngines.class);

	static final String DEPENDENCY = "io.netty:netty-tcnative-boringssl-static";

	private static final String[] OPENSSL_CLASSES = { "io.netty.handler.ssl.OpenSsl",
			"io.netty.internal.tcnative.SSL" };

	private ServerTlsEngines() {
	}

	static ServerTlsEngine select(Engine engine, @Nullable ClassLoader classLoader) {
		if (engine == Engine.JDK) {
			return ServerTlsEngine.jdk();
		}
		TlsEngineUnavailableException unavailable = openSslUnavailable(classLoader);
		if (unavailable == null) {
			if (engine == Engine.AUTO) {
				logger.info("mtls.server.engine=auto: handshakes use the openssl engine (BoringSSL)");
			}
			return new OpenSslServerTlsEngine();
		}
		if (engine == Engine.OPENSSL) {
			throw unavailable;
		}
		logger.info("mtls.server.engine=auto: handshakes use the jdk engine because " + unavailable.getDescription());
		return ServerTlsEngine.jdk();
	}

	private static @Nullable TlsEngineUnavailableException openSslUnavailable(@Nullable ClassLoader classLoader) {
		for (String className : OPENSSL_CLASSES) {
			if (!ClassUtils.isPresent(className, classLoader)) {
				return new TlsEngineUnavailableException(
						"mtls.server.engine=openssl needs " + DEPENDENCY + " on the classpath (" + className
								+ " is missing)",
						"Add the dependency " + DEPENDENCY
								+ " (its version is managed by Spring Boot), or set mtls.server.engine to jdk or auto",
						null);
			}
		}
		Throwable cause = OpenSslServerTlsEngine.unavailabilityCause();
		if (cause == null) {
			return null;
		}
		String why = describe(cause);
		boolean nativeAccess = why.contains("native access") || why.contains("enable-native-access");
		return new TlsEngineUnavailableException(
				"mtls.server.engine=openssl cannot load BoringSSL's native library on " + System.getProperty("os.name")
						+ "/" + System.getProperty("os.arch") + ": " + why,
				nativeAccess ? "Start the JVM with --enable-native-access=ALL-UNNAMED, or set mtls.server.engine to jdk"
						: "Add the " + DEPENDENCY + " jar whose classifier matches this platform, "
								+ "or set mtls.server.engine to jdk or auto",
				cause);
	}

	private static String describe(Throwable cause) {
		StringBuilder description = new StringBuilder();
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (!description.isEmpty()) {
				description.append("; ");
			}
			description.append((current.getMessage() != null) ? current.getMessage() : current.toString());
			if (current.getCause() == current) {
				break;
			}
		}
		return description.toString();
	}

}
