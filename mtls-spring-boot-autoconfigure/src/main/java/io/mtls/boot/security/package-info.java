/**
 * Spring Security integration for servlet and WebFlux applications:
 * {@code MtlsConfigurer} and {@code ReactiveMtlsConfigurer}, the authentication filters,
 * provider and token, the problem responses, and the authorities mappers over the core's
 * identities and rules.
 * <p>
 * May use {@code io.mtls.boot.core} and Spring Security; never
 * {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.security;

import org.jspecify.annotations.NullMarked;
