package io.mtls.boot.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ChainValidation;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.ClientCertificatePolicy;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reload events are published outside the reload lock, in the order of the reloads: a
 * slow {@link MtlsMaterialReloadedEvent} listener blocks neither the watcher nor an
 * on-demand reload, and a failing one drops no later event.
 */
class ReloadEventPublishingTests {

	private static final ServerMaterial INITIAL = material(CA.localhostServer());

	private static final ServerMaterial SECOND = material(CA.localhostServer());

	private static final ServerMaterial THIRD = material(CA.localhostServer());

	@TempDir
	Path directory;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch listening = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ApplicationEvent> published = new CopyOnWriteArrayList<>();

	@AfterEach
	void releaseListener() {
		this.release.countDown();
		this.executor.shutdownNow();
	}

	@Test
	void aSlowReloadedListenerBlocksNeitherTheWatcherNorAnOnDemandReload() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v1");
		ServerTls tls = newServerTls();
		AtomicReference<ServerMaterial> files = new AtomicReference<>(SECOND);
		MtlsMaterialReloader reloader = new MtlsMaterialReloader(tls, files::get, List.of(file), Duration.ZERO,
				Duration.ofHours(1), false, slowFirstListener(), Clock.systemUTC());

		Future<ReloadResult> first = this.executor.submit(reloader::reload);
		assertThat(this.listening.await(5, TimeUnit.SECONDS)).as("first reload's listener called").isTrue();

		files.set(THIRD);
		Files.writeString(file, "v2");
		this.executor.submit(reloader::reloadIfChanged).get(5, TimeUnit.SECONDS);
		assertThat(tls.material()).as("served after the watcher's reload").isSameAs(THIRD);
		assertThat(this.executor.submit(reloader::reload).get(5, TimeUnit.SECONDS).outcome())
			.as("on-demand reload while the listener runs")
			.isEqualTo("unchanged");
		assertThat(reloader.status().reloads()).isEqualTo(2);

		this.release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).current()).isSameAs(SECOND);
		assertThat(this.published).as("events in the order of the reloads")
			.map((event) -> ((MtlsMaterialReloadedEvent) event).getCurrent())
			.containsExactly(SECOND, THIRD);
	}

	@Test
	void aFailingListenerDropsNoLaterEvent() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v1");
		AtomicReference<ServerMaterial> files = new AtomicReference<>(SECOND);
		MtlsMaterialReloader reloader = new MtlsMaterialReloader(newServerTls(), files::get, List.of(file),
				Duration.ZERO, Duration.ofHours(1), false, (event) -> {
					this.published.add((ApplicationEvent) event);
					if (this.published.size() == 1) {
						throw new IllegalStateException("listener failed");
					}
				}, Clock.systemUTC());
		assertThat(reloader.reload().outcome()).isEqualTo("reloaded");
		files.set(THIRD);
		assertThat(reloader.reload().outcome()).isEqualTo("reloaded");
		assertThat(this.published).hasSize(2);
	}

	/**
	 * Records every event; the first one's listener waits until the test releases it.
	 */
	private ApplicationEventPublisher slowFirstListener() {
		return (event) -> {
			this.published.add((ApplicationEvent) event);
			if (this.listening.getCount() > 0) {
				this.listening.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
	}

	private static ServerTls newServerTls() {
		return new ServerTls(INITIAL, new ClientCertificatePolicy(true, ChainValidation.STANDARD),
				new ClientCertificateListener() {
				}, Clock.systemUTC());
	}

	private static ServerMaterial material(IssuedCertificate server) {
		return new ServerMaterial(new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.loadedElsewhere("mtls.server.certificate", "test")), null);
	}

}
