/**
 * Outbound mTLS: the service's own calls present its reloadable certificate through the
 * {@code mtls-client} SSL bundle, customized HTTP client builders and a JDK client
 * factory.
 * <p>
 * May use {@code io.mtls.boot.core} and Spring Boot's HTTP client support; never
 * {@code io.mtls.boot.autoconfigure}.
 */
@NullMarked
package io.mtls.boot.client;

import org.jspecify.annotations.NullMarked;
