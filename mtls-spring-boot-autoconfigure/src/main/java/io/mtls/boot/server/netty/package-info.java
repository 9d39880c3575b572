/**
 * The Reactor Netty adapter: serves the core's current SSLContext through a Netty
 * {@code SslContext} on Boot's reactive Netty server.
 * <p>
 * May use {@code io.mtls.boot.core}, {@code io.mtls.boot.server}, Reactor Netty and
 * Netty.
 */
@NullMarked
package io.mtls.boot.server.netty;

import org.jspecify.annotations.NullMarked;
