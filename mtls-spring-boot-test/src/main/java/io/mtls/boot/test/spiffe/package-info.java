/**
 * A SPIFFE Workload API server for tests: serves X509-SVIDs and bundles of the test PKI
 * on a Unix domain socket, and rotates, federates, stalls and goes away on demand.
 * <p>
 * May use the JDK, {@code io.mtls.boot.pki}, java-spiffe's generated Workload API stubs
 * and gRPC (optional dependencies of this module).
 */
@NullMarked
package io.mtls.boot.test.spiffe;

import org.jspecify.annotations.NullMarked;
