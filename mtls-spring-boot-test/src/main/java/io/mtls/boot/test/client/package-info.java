/**
 * TLS clients for tests: JDK {@code HttpClient}s and SSL contexts presenting a chosen
 * client certificate.
 * <p>
 * May use the JDK and {@code io.mtls.boot.pki}.
 */
package io.mtls.boot.test.client;
