package io.mtls.boot.test.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Resolves {@link MtlsServer} test method parameters for the server a Spring Boot test
 * started, using the {@code local.server.port} property of the test's application
 * context.
 */
public final class MtlsServerExtension implements ParameterResolver {

	private static final String PORT_PROPERTY = "local.server.port";

	/**
	 * Creates the extension; JUnit instantiates it through {@code @ExtendWith}.
	 */
	public MtlsServerExtension() {
	}

	/**
	 * Supports parameters declared as {@link MtlsServer}.
	 * @param parameterContext the parameter to resolve
	 * @param extensionContext the current test
	 * @return whether the parameter is an {@link MtlsServer}
	 */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MtlsServer.class;
	}

	/**
	 * Creates an {@link MtlsServer} for the port the test's embedded server listens on.
	 * @param parameterContext the parameter to resolve
	 * @param extensionContext the current test
	 * @return the server handle
	 * @throws ParameterResolutionException if the application context has no
	 * {@code local.server.port}
	 */
	@Override
	public MtlsServer resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Environment environment = SpringExtension.getApplicationContext(extensionContext).getEnvironment();
		Integer port = environment.getProperty(PORT_PROPERTY, Integer.class);
		if (port == null) {
			throw new ParameterResolutionException("No '" + PORT_PROPERTY + "' in the application context of "
					+ extensionContext.getRequiredTestClass().getName()
					+ ": use @SpringBootTest(webEnvironment = RANDOM_PORT or DEFINED_PORT)");
		}
		return new MtlsServer(port);
	}

}
