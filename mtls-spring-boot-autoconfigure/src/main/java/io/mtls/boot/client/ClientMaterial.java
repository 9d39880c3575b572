package io.mtls.boot.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.TrustSource;
import io.mtls.boot.core.reload.ReloadStatus;
import io.mtls.boot.reload.FileReloader;
import org.jspecify.annotations.Nullable;

/**
 * The material of outbound calls: the service's own key and trust (as the server serves
 * them now) unless {@code mtls.client.*} gives its own certificate or trust, which are
 * then watched and reloaded like the server's: loaded and validated completely first, and
 * never replacing working material when broken. {@link #get()} returns the same instance
 * until either side changes, as {@link io.mtls.boot.core.tls.ClientTls} expects.
 */
public final class ClientMaterial extends FileReloader implements Supplier<ServerMaterial> {

	private final @Nullable Supplier<ServerMaterial> serverMaterial;

	private final @Nullable Supplier<KeyMaterial> keyLoader;

	private final @Nullable Supplier<TrustMaterial> trustLoader;

	private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

	private volatile Own own;

	private volatile @Nullable Composed composed;

	/**
	 * Creates the outbound material and loads the configured parts.
	 * @param serverMaterial the server's current material, or {@code null} when there is
	 * no server material (then both loaders are required)
	 * @param keyLoader loads the own client key, or {@code null} to present the server's
	 * @param trustLoader loads the own client trust, or {@code null} to trust the
	 * server's
	 * @param paths the files the own parts are read from, watched
	 * @param quietPeriod how long file events must settle before reloading
	 * @param pollInterval how often to check for changes without file events
	 * @param watch whether to watch the files
	 * @param clock the clock validity is checked against
	 * @throws MtlsStartupException if the own parts are missing or invalid
	 */
	public ClientMaterial(@Nullable Supplier<ServerMaterial> serverMaterial, @Nullable Supplier<KeyMaterial> keyLoader,
			@Nullable Supplier<TrustMaterial> trustLoader, List<Path> paths, Duration quietPeriod,
			Duration pollInterval, boolean watch, Clock clock) {
		super("mTLS client material", paths, watch, quietPeriod, pollInterval,
				"outbound calls keep the previous material", clock, (event) -> {
					// outbound reloads publish no events
				});
		this.serverMaterial = serverMaterial;
		this.keyLoader = keyLoader;
		this.trustLoader = trustLoader;
		this.own = load();
	}

	/**
	 * Creates the outbound material from the sources {@code mtls.client.*} chose,
	 * watching their {@link KeySource#watchedPaths() paths}.
	 * @param serverMaterial the server's current material, or {@code null} when there is
	 * no server material
	 * @param key the own key source, or {@code null} to present the server's
	 * @param trust the own trust source, or {@code null} to trust the server's (also used
	 * when it loads nothing, as a secret directory without {@code ca.crt})
	 * @param quietPeriod how long file events must settle before reloading
	 * @param pollInterval how often to check for changes without file events
	 * @param watch whether to watch the files
	 * @param clock the clock validity is checked against
	 * @return the material
	 * @throws MtlsStartupException if the own parts are missing or invalid
	 */
	public static ClientMaterial of(@Nullable Supplier<ServerMaterial> serverMaterial, @Nullable KeySource key,
			@Nullable TrustSource trust, Duration quietPeriod, Duration pollInterval, boolean watch, Clock clock) {
		List<Path> paths = new ArrayList<>();
		if (key != null) {
			paths.addAll(key.watchedPaths());
		}
		if (trust != null) {
			paths.addAll(trust.watchedPaths());
		}
		return new ClientMaterial(serverMaterial, (key != null) ? key::load : null,
				(trust != null) ? () -> trust.load().orElse(null) : null, paths, quietPeriod, pollInterval, watch,
				clock);
	}

	/**
	 * Returns whether any part comes from {@code mtls.client.*} rather than the server.
	 * @return whether own parts are configured
	 */
	public boolean hasOwnMaterial() {
		return this.keyLoader != null || this.trustLoader != null;
	}

	/**
	 * Returns whether the trust comes from {@code mtls.client.*} rather than the server.
	 * @return whether own trust is configured
	 */
	public boolean hasOwnTrust() {
		return this.trustLoader != null;
	}

	/**
	 * Returns the outcome of reloads of the own parts.
	 * @return the status, or {@code null} when the server's material is used throughout
	 */
	@Override
	public @Nullable ReloadStatus status() {
		return hasOwnMaterial() ? super.status() : null;
	}

	/**
	 * Registers a callback run after the own parts changed.
	 * @param listener the callback
	 */
	public void onChange(Runnable listener) {
		this.changeListeners.add(listener);
	}

	@Override
	public ServerMaterial get() {
		ServerMaterial server = (this.serverMaterial != null) ? this.serverMaterial.get() : null;
		Own own = this.own;
		Composed composed = this.composed;
		if (composed != null && composed.server() == server && composed.own() == own) {
			return composed.material();
		}
		// load() refused own parts that leave a gap without server material
		KeyMaterial key = (own.key() != null) ? own.key() : Objects.requireNonNull(server).key();
		TrustMaterial trust = (own.trust() != null) ? own.trust() : Objects.requireNonNull(server).trust();
		composed = new Composed(server, own, new ServerMaterial(key, trust));
		this.composed = composed;
		return composed.material();
	}

	/**
	 * Reloads the own parts now if their files changed: loads and validates them, then
	 * swaps them in; broken material is logged and never replaces the working one.
	 * @return whether the material changed
	 */
	public boolean reloadIfChanged() {
		if (!reloadIfFilesChanged(this::swapIfChanged, false)) {
			return false;
		}
		ServerMaterial now = get();
		this.logger.info("mTLS client material reloaded: outbound calls now present '"
				+ now.key().certificate().getSubjectX500Principal().getName() + "' (serial "
				+ now.key().certificate().getSerialNumber().toString(16) + ")");
		this.changeListeners.forEach(Runnable::run);
		return true;
	}

	private boolean swapIfChanged() {
		Own loaded;
		try {
			loaded = load();
		}
		catch (MtlsStartupException ex) {
			failed(ex.getDescription(), null);
			return false;
		}
		if (loaded.sameAs(this.own)) {
			return false;
		}
		this.own = loaded;
		succeeded();
		return true;
	}

	private Own load() {
		KeyMaterial key = (this.keyLoader != null) ? this.keyLoader.get() : null;
		TrustMaterial trust = (this.trustLoader != null) ? this.trustLoader.get() : null;
		ServerMaterial server = (this.serverMaterial != null) ? this.serverMaterial.get() : null;
		KeyMaterial presented = (key != null) ? key : (server != null) ? server.key() : null;
		TrustMaterial trusted = (trust != null) ? trust : (server != null) ? server.trust() : null;
		if (presented == null) {
			throw new InvalidMtlsConfigurationException(
					"Outbound calls have no key material: no key source is set under 'mtls.client' and there is no "
							+ "server material.",
					"Set 'mtls.client.certificate' (with 'private-key'), 'mtls.client.key-store' or "
							+ "'mtls.client.secret-dir', or configure 'mtls.server.*'.");
		}
		if (trusted == null) {
			throw new InvalidMtlsConfigurationException(
					"Outbound calls have no trust material: neither 'mtls.client.trust', 'mtls.client.trust-store' "
							+ "nor a 'ca.crt' in 'mtls.client.secret-dir' is there, and the server has none.",
					"Set 'mtls.client.trust' to the PEM file of the CA that issues the called servers' certificates, "
							+ "or set 'mtls.client.enabled=false'.");
		}
		// validated together with the server's part it is combined with
		ServerMaterial.validated(presented, trusted, clock().instant());
		return new Own(key, trust);
	}

	@Override
	protected void reloadWhenChanged() {
		reloadIfChanged();
	}

	private record Own(@Nullable KeyMaterial key, @Nullable TrustMaterial trust) {

		boolean sameAs(@Nullable Own other) {
			return other != null && Objects.equals(chain(this.key), chain(other.key))
					&& Arrays.equals(encoded(this.key), encoded(other.key))
					&& Objects.equals(certificates(this.trust), certificates(other.trust));
		}

		private static byte @Nullable [] encoded(@Nullable KeyMaterial key) {
			return (key != null) ? key.privateKey().getEncoded() : null;
		}

		private static @Nullable Object chain(@Nullable KeyMaterial key) {
			return (key != null) ? key.chain() : null;
		}

		private static @Nullable Object certificates(@Nullable TrustMaterial trust) {
			return (trust != null) ? trust.certificates() : null;
		}

	}

	private record Composed(@Nullable ServerMaterial server, Own own, ServerMaterial material) {
	}

}
