package io.mtls.boot.test.proxy;

import io.mtls.boot.test.junit.ExternalTools;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Checks that a container test can run: a Docker daemon answers and the image exists
 * locally (it is never pulled). Otherwise the test fails on CI and is skipped elsewhere,
 * naming what is missing (see {@link ExternalTools#unavailable}).
 */
public final class ProxyImage {

	private ProxyImage() {
	}

	/**
	 * Ends the test unless Docker runs and holds the image.
	 * @param image the image the test needs
	 */
	public static void require(DockerImageName image) {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			ExternalTools.unavailable(
					"Docker is not available (no daemon answered on DOCKER_HOST or " + "/var/run/docker.sock)",
					"Start dockerd to run the proxy container tests.");
			return;
		}
		if (!exists(image)) {
			ExternalTools.unavailable("The image " + image.asCanonicalNameString() + " is not in the local Docker "
					+ "(it is never pulled)", "Build it with docker/proxies/build-image.sh.");
		}
	}

	private static boolean exists(DockerImageName image) {
		return !DockerClientFactory.instance()
			.client()
			.listImagesCmd()
			.withImageNameFilter(image.asCanonicalNameString())
			.exec()
			.isEmpty();
	}

}
