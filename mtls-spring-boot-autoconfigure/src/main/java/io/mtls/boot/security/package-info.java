/**
 * Spring Security integration: {@code MtlsConfigurer}, the authentication filter,
 * provider and token, and the authorities mappers over the core's identities and rules.
 * <p>
 * May use {@code io.mtls.boot.core} and Spring Security; never
 * {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.security;

import org.jspecify.annotations.NullMarked;
