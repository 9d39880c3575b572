/**
 * The TLS handshake: {@code ServerTls} (material and its SSLContext swapped as one
 * value), the client certificate trust manager, chain validation and the server key
 * manager.
 * <p>
 * May use the JDK (JSSE, CertPath) and {@code io.mtls.boot.core} only.
 */
@NullMarked
package io.mtls.boot.core.tls;

import org.jspecify.annotations.NullMarked;
