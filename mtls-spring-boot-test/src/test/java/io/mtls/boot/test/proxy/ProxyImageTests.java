package io.mtls.boot.test.proxy;

import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A missing image ends the test naming the image and how to build it, never pulling it.
 */
class ProxyImageTests {

	@Test
	void missingImageEndsTheTestNamingTheImageAndTheScript() {
		// Docker and the real image first: without them this test ends like the others
		ProxyImage.require(DockerImageName.parse(MtlsProxyContainer.DEFAULT_IMAGE));
		Throwable ended = catchThrowable(() -> ProxyImage.require(DockerImageName.parse("mtls-proxies:no-such-tag")));
		assertThat(ended).hasMessageContaining("The image mtls-proxies:no-such-tag is not in the local Docker")
			.hasMessageContaining("docker/proxies/build-image.sh");
	}

}
