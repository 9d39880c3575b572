/**
 * The Tomcat adapter: serves the core's current SSLContext on Tomcat's connectors.
 * <p>
 * May use {@code io.mtls.boot.core}, {@code io.mtls.boot.server} and Tomcat.
 */
@NullMarked
package io.mtls.boot.server.tomcat;

import org.jspecify.annotations.NullMarked;
