/**
 * Framework-free mTLS core (module mtls-core): key and trust material, its loading,
 * validation and parsing, and the startup errors naming property, file and fix.
 * <p>
 * May use the JDK (and JSpecify's nullness annotations) only: no Spring, no BouncyCastle,
 * nothing else of {@code io.mtls.boot} (enforced by the module's pom and
 * {@code LayeringTests}).
 */
@NullMarked
package io.mtls.boot.core;

import org.jspecify.annotations.NullMarked;
