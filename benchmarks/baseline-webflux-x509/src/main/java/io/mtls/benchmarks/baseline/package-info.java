/**
 * The load script's baseline: a WebFlux service on Reactor Netty with mTLS wired by hand
 * from Spring Boot's {@code server.ssl} and Spring Security's {@code x509()}.
 * <p>
 * May use Spring Boot, Spring Security and the JDK only: never this project's modules.
 */
@NullMarked
package io.mtls.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
