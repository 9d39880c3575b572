/**
 * Issuing a PKI (module mtls-pki): CAs, server and client certificates, CRLs, and PEM,
 * PKCS12, JKS and secret-dir files, for the dev PKI and for tests.
 * <p>
 * May use the JDK and BouncyCastle only: no Spring, nothing else of {@code io.mtls.boot}.
 */
@NullMarked
package io.mtls.boot.pki;

import org.jspecify.annotations.NullMarked;
