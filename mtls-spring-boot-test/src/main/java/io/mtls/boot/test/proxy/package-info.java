/**
 * Testcontainers support: {@code MtlsProxyContainer} fronts the application under test
 * with a real TLS-terminating proxy, {@code ContainerCertificates} copies test
 * certificates into any container.
 * <p>
 * May use Testcontainers, {@code io.mtls.boot.pki} and {@code io.mtls.boot.test.junit}.
 */
@NullMarked
package io.mtls.boot.test.proxy;

import org.jspecify.annotations.NullMarked;
