/**
 * The native TLS engine ({@code mtls.server.engine=openssl}): BoringSSL through Netty's
 * tcnative, behind the {@code javax.net.ssl} API so every embedded server can serve it.
 * <p>
 * May use {@code io.mtls.boot.core}, Netty's handler and tcnative; never a server.
 */
@NullMarked
package io.mtls.boot.server.openssl;

import org.jspecify.annotations.NullMarked;
