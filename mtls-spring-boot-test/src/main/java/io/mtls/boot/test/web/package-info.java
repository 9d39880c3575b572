/**
 * Client certificates for MockMvc tests: {@link io.mtls.boot.test.web.MtlsMockMvc} and
 * {@link io.mtls.boot.test.web.WithClientCertificate}.
 * <p>
 * May use Spring Test, MockMvc and {@code io.mtls.boot.pki}.
 */
@NullMarked
package io.mtls.boot.test.web;

import org.jspecify.annotations.NullMarked;
