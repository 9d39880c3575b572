/**
 * Client certificates forwarded by a TLS-terminating proxy: the header formats and which
 * peers may forward.
 * <p>
 * May use the JDK and {@code io.mtls.boot.core.identity} only.
 */
@NullMarked
package io.mtls.boot.core.proxy;

import org.jspecify.annotations.NullMarked;
