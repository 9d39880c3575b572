/**
 * Reloading material at runtime: the reloader driven by the core's watcher or by the
 * actuator, and the Spring events it publishes.
 * <p>
 * May use {@code io.mtls.boot.core}, {@code io.mtls.boot.server} and Spring; never
 * {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.reload;

import org.jspecify.annotations.NullMarked;
