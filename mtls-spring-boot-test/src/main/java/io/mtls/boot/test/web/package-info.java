/**
 * Client certificates for MockMvc tests: {@link io.mtls.boot.test.web.MtlsMockMvc} and
 * {@link io.mtls.boot.test.web.WithClientCertificate}.
 */
package io.mtls.boot.test.web;
