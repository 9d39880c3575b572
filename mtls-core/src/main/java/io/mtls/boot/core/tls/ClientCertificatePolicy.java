package io.mtls.boot.core.tls;

/**
 * What, beyond a valid chain to a trusted CA, a client certificate must satisfy during
 * the handshake.
 *
 * @param requireClientAuthExtendedKeyUsage whether a leaf that carries an extended key
 * usage extension must list clientAuth (or anyExtendedKeyUsage); a leaf without the
 * extension is accepted, as RFC 5280 allows any use then
 * @param validation how strictly chains are validated
 */
public record ClientCertificatePolicy(boolean requireClientAuthExtendedKeyUsage, ChainValidation validation) {
}
