/**
 * Test support for revocation: CRLs made with {@code openssl ca -gencrl} and a running
 * {@code openssl ocsp} responder.
 * <p>
 * May use {@code mtls-pki} and JUnit; never the starter's own code.
 */
@NullMarked
package io.mtls.boot.test.revocation;

import org.jspecify.annotations.NullMarked;
