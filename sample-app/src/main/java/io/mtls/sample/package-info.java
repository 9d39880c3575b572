/**
 * The sample service: controllers reading the caller's {@code ClientIdentity}, secured by
 * the starter's default chain and rules from {@code application.yml}.
 * <p>
 * May use only the starter's public API (enforced by {@code PublicApiTests}).
 */
@NullMarked
package io.mtls.sample;

import org.jspecify.annotations.NullMarked;
