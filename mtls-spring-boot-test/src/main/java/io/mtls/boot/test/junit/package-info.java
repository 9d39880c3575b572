/**
 * JUnit 5 helpers: {@code MtlsServerExtension} handing tests the running server and
 * clients, {@code ExternalTools} for tests that drive real programs, and {@code Deadline}
 * for polling asynchronous outcomes.
 * <p>
 * May use JUnit, Spring Test, {@code io.mtls.boot.pki} and
 * {@code io.mtls.boot.test.client}.
 */
@NullMarked
package io.mtls.boot.test.junit;

import org.jspecify.annotations.NullMarked;
