/**
 * A real nginx process on loopback for tests: started from the configuration a test
 * writes, awaited until it listens, stopped on close.
 * <p>
 * May use the JDK and {@code io.mtls.boot.test.junit}.
 */
@NullMarked
package io.mtls.boot.test.nginx;

import org.jspecify.annotations.NullMarked;
