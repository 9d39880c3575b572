/**
 * TLS clients for tests: JDK {@code HttpClient}s and SSL contexts presenting a chosen
 * client certificate.
 * <p>
 * May use the JDK and {@code io.mtls.boot.pki}.
 */
@NullMarked
package io.mtls.boot.test.client;

import org.jspecify.annotations.NullMarked;
