/**
 * Where server material comes from: key sources, trust sources and Kubernetes TLS secret
 * directories, each loading its files and naming the files it watches.
 * <p>
 * May use the JDK, {@code io.mtls.boot.core} and {@code io.mtls.boot.core.spiffe} (the
 * Workload API source).
 */
@NullMarked
package io.mtls.boot.core.material;

import org.jspecify.annotations.NullMarked;
