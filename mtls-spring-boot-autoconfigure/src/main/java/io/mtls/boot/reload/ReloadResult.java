package io.mtls.boot.reload;

import io.mtls.boot.core.ServerMaterial;
import org.jspecify.annotations.Nullable;

/**
 * What a reload did.
 *
 * @param outcome {@code reloaded}, {@code unchanged} or {@code failed}
 * @param previous the material served before, when reloaded
 * @param current the material served now, when reloaded
 * @param reason why it failed, when failed
 */
public record ReloadResult(String outcome, @Nullable ServerMaterial previous, @Nullable ServerMaterial current,
		@Nullable String reason) {

	static ReloadResult reloaded(ServerMaterial previous, ServerMaterial current) {
		return new ReloadResult("reloaded", previous, current, null);
	}

	static ReloadResult unchanged() {
		return new ReloadResult("unchanged", null, null, null);
	}

	static ReloadResult failed(String reason) {
		return new ReloadResult("failed", null, null, reason);
	}

}
