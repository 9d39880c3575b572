/**
 * JMH benchmarks of the hot paths: chain validation and the authentication filter.
 * <p>
 * May use anything: they measure internals, and are not shipped.
 */
@NullMarked
package io.mtls.benchmarks;

import org.jspecify.annotations.NullMarked;
