/**
 * Revocation of client certificates: CRLs, OCSP and the deny-list, checked on the
 * validated path and swapped as one value on reload.
 * <p>
 * May use the JDK, {@code io.mtls.boot.core} and, for OCSP only, BouncyCastle (optional).
 */
@NullMarked
package io.mtls.boot.core.revocation;

import org.jspecify.annotations.NullMarked;
