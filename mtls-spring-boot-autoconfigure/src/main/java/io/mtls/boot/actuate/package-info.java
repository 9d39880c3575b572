/**
 * What operators see: the {@code mtls} actuator endpoint, health indicator and meters,
 * and the recorder feeding the client certificate inventory.
 * <p>
 * May use {@code io.mtls.boot.core}, {@code io.mtls.boot.reload}, Spring Boot Actuator
 * and Micrometer; never {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.actuate;

import org.jspecify.annotations.NullMarked;
