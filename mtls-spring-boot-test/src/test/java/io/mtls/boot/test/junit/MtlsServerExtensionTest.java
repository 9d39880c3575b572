package io.mtls.boot.test.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

@SpringJUnitConfig(MtlsServerExtensionTest.EmptyConfiguration.class)
@TestPropertySource(properties = "local.server.port=18443")
@ExtendWith(MtlsServerExtension.class)
class MtlsServerExtensionTest {

	@Test
	void resolvesTheServerListeningOnLocalServerPort(MtlsServer server) {
		assertThat(server.url("/hello")).hasToString("https://localhost:18443/hello");
	}

	@Test
	void failsClearlyWhenTheContextHasNoServerPort() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(ContextWithoutServerPort.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(1,
					event(test("needsServer"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
							message((text) -> text.contains("local.server.port") && text.contains("RANDOM_PORT")))));
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	/** Run only through the engine test kit: a Spring test without an embedded server. */
	@SpringJUnitConfig(EmptyConfiguration.class)
	@ExtendWith(MtlsServerExtension.class)
	static class ContextWithoutServerPort {

		@Test
		void needsServer(MtlsServer server) {
		}

	}

}
