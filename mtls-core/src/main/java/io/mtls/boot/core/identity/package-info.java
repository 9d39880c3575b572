/**
 * From a verified client certificate to an identity: {@code ClientIdentity}, DN, SAN and
 * SPIFFE parsing, and the rules and patterns that map identities to authorities.
 * <p>
 * May use the JDK and {@code io.mtls.boot.core} only.
 */
@NullMarked
package io.mtls.boot.core.identity;

import org.jspecify.annotations.NullMarked;
