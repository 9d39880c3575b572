/**
 * The WebFlux sample service: a controller reading the caller's {@code ClientIdentity},
 * secured by the starter's default reactive chain and rules from {@code application.yml}.
 * <p>
 * May use only the starter's public API.
 */
@NullMarked
package io.mtls.sample.reactive;

import org.jspecify.annotations.NullMarked;
