/**
 * SPIFFE Workload API material: the X509-SVID and trust bundles a SPIFFE agent (SPIRE and
 * others) pushes to this workload, received through java-spiffe's Workload API client.
 * <p>
 * May use the JDK, {@code io.mtls.boot.core} and {@code io.spiffe} (java-spiffe-core, an
 * optional dependency: only load this package's classes when it is on the classpath).
 */
@NullMarked
package io.mtls.boot.core.spiffe;

import org.jspecify.annotations.NullMarked;
