/**
 * Client certificates forwarded by a TLS-terminating proxy: the header formats and which
 * peers may forward.
 * <p>
 * May use the JDK and {@code io.mtls.boot.core.identity} only.
 */
package io.mtls.boot.core.proxy;
