/**
 * The Spring Boot auto-configurations and their properties classes (one per concern), the
 * unknown-key check and the startup failure analyzer: the wiring, kept thin.
 * <p>
 * May use every other package; nothing outside it may use this one.
 */
@NullMarked
package io.mtls.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
