/**
 * Server adapters: hand the core's {@code ServerTls} to Boot's embedded web server, with
 * one small class per server in the sub-packages, and log handshakes and trust warnings.
 * <p>
 * May use {@code io.mtls.boot.core} and Spring Boot's web server API; never
 * {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.server;

import org.jspecify.annotations.NullMarked;
