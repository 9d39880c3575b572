/**
 * The Jetty adapter: serves the core's current SSLContext on Jetty's connectors.
 * <p>
 * May use {@code io.mtls.boot.core}, {@code io.mtls.boot.server} and Jetty.
 */
@NullMarked
package io.mtls.boot.server.jetty;

import org.jspecify.annotations.NullMarked;
