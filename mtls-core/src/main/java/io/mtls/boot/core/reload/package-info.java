/**
 * Watching material files for changes (file-system events plus polling, with a quiet
 * period) and the reload status reported to operators.
 * <p>
 * May use the JDK and {@code io.mtls.boot.core} only.
 */
@NullMarked
package io.mtls.boot.core.reload;

import org.jspecify.annotations.NullMarked;
