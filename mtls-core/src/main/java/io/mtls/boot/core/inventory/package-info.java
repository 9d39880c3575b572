/**
 * The bounded inventory of recently seen client certificates and their expiry status,
 * read by the actuator endpoint, health and metrics.
 * <p>
 * May use the JDK and {@code io.mtls.boot.core} only.
 */
@NullMarked
package io.mtls.boot.core.inventory;

import org.jspecify.annotations.NullMarked;
