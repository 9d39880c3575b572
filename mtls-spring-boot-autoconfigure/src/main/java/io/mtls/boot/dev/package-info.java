/**
 * The development PKI ({@code mtls.dev.enabled}): generates and renews a local CA, server
 * and client certificates, and logs curl commands for them.
 * <p>
 * May use {@code io.mtls.boot.core} and {@code io.mtls.boot.pki} (optional, so only
 * here); never {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.dev;

import org.jspecify.annotations.NullMarked;
