/**
 * Packaged-jar tests as a user runs them: certificates made with the {@code openssl}
 * command line, the jar in a process of its own, and calls with {@code curl}.
 * <p>
 * May use the JDK and {@code io.mtls.boot.test.junit}; nothing of Spring.
 */
@NullMarked
package io.mtls.boot.test.jar;

import org.jspecify.annotations.NullMarked;
