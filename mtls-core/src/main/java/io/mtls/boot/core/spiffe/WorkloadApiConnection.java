package io.mtls.boot.core.spiffe;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.SocketEndpointAddressException;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.DefaultWorkloadApiClient;
import io.spiffe.workloadapi.Watcher;
import io.spiffe.workloadapi.WorkloadApiClient;
import io.spiffe.workloadapi.X509Context;
import io.spiffe.workloadapi.retry.ExponentialBackoffPolicy;
import org.jspecify.annotations.Nullable;

/**
 * This workload's connection to a SPIFFE Workload API (a SPIRE agent, say), through
 * java-spiffe's client: it watches the X.509 context stream, so every SVID and bundle the
 * agent pushes arrives here at once, without polling, and tells the
 * {@link #onUpdate(Runnable) listeners}. When the agent goes away the last material stays
 * {@link #current() current} while the client reconnects with exponential backoff; each
 * change of the connection's state is logged once.
 * <p>
 * An update the client cannot parse does not replace the material: {@link #current()}
 * then throws until the next good update, so a reload reports it like a broken file.
 */
public final class WorkloadApiConnection implements AutoCloseable {

	/** The name of this kind of material source, as shown by observation. */
	public static final String SOURCE_NAME = "spiffe-workload-api";

	private static final System.Logger logger = System.getLogger(WorkloadApiConnection.class.getName());

	private final String socket;

	private final String socketProperty;

	private final MaterialSource source;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Clock clock;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstUpdate = new CountDownLatch(1);

	private final AtomicInteger failedAttempts = new AtomicInteger();

	private final ScheduledExecutorService rewatch = Executors
		.newSingleThreadScheduledExecutor(daemonThreads("mtls-spiffe-rewatch"));

	private final WorkloadApiClient client;

	private volatile @Nullable WorkloadApiMaterial material;

	private volatile @Nullable String rejection;

	private volatile Status status;

	private Duration rewatchDelay;

	private WorkloadApiConnection(String socket, String socketProperty, Duration initialBackoff, Duration maxBackoff,
			Clock clock) {
		this.socket = socket;
		this.socketProperty = socketProperty;
		this.source = MaterialSource.loadedElsewhere(socketProperty, SOURCE_NAME + " " + socket);
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.rewatchDelay = initialBackoff;
		this.clock = clock;
		this.status = new Status(State.CONNECTING, clock.instant(), null);
		this.client = newClient();
	}

	/**
	 * Connects to the Workload API and waits for the first X509-SVID.
	 * @param socket the socket address: {@code unix:/path}, a plain absolute path, or
	 * {@code tcp://host:port}
	 * @param socketProperty the property naming the socket, for messages
	 * @param startupTimeout how long to wait for the first SVID
	 * @param startupTimeoutProperty the property holding the timeout, for messages
	 * @param initialBackoff the first delay before reconnecting
	 * @param maxBackoff the longest delay between reconnection attempts
	 * @param clock the clock of the status timestamps
	 * @return the connection, holding the first material
	 * @throws InvalidMtlsConfigurationException if the socket address is malformed
	 * @throws WorkloadApiUnavailableException if no SVID arrived in time
	 */
	public static WorkloadApiConnection open(String socket, String socketProperty, Duration startupTimeout,
			String startupTimeoutProperty, Duration initialBackoff, Duration maxBackoff, Clock clock) {
		WorkloadApiConnection connection = new WorkloadApiConnection(address(socket), socketProperty, initialBackoff,
				maxBackoff, clock);
		connection.awaitFirstUpdate(startupTimeout, startupTimeoutProperty);
		return connection;
	}

	/**
	 * Returns the socket address connected to.
	 * @return the address, such as {@code unix:/run/spire/sockets/agent.sock}
	 */
	public String socket() {
		return this.socket;
	}

	/**
	 * Returns the material source describing this connection, for messages.
	 * @return the source
	 */
	public MaterialSource source() {
		return this.source;
	}

	/**
	 * Returns the material of the last update the agent pushed.
	 * @return the material
	 * @throws InvalidMaterialException if the last update could not be used; the material
	 * before it is {@link #lastGood() still available}
	 */
	public WorkloadApiMaterial current() {
		String rejected = this.rejection;
		if (rejected != null) {
			throw new InvalidMaterialException(this.source,
					"the Workload API pushed an unusable X.509 context: " + rejected,
					"Check the SPIFFE agent's CA and registration entry for this workload.");
		}
		return lastGood();
	}

	/**
	 * Returns the material of the last update that could be used.
	 * @return the material
	 */
	public WorkloadApiMaterial lastGood() {
		// open() returns only after the first usable update
		return Objects.requireNonNull(this.material, "no X.509 context has arrived yet");
	}

	/**
	 * Returns the state of the connection.
	 * @return the status
	 */
	public Status status() {
		return this.status;
	}

	/**
	 * Registers a callback run (on the client's thread) after every update the agent
	 * pushed, usable or not.
	 * @param listener the callback
	 */
	public void onUpdate(Runnable listener) {
		this.listeners.add(listener);
	}

	@Override
	public void close() {
		this.rewatch.shutdownNow();
		try {
			this.client.close();
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, "Closing the SPIFFE Workload API client failed", ex);
		}
	}

	private static String address(String socket) {
		// the Workload API's own address forms, plus a plain path as the SPIRE docs write
		// it
		return socket.startsWith("/") ? "unix:" + socket : socket;
	}

	private WorkloadApiClient newClient() {
		ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("mtls-spiffe"));
		try {
			return DefaultWorkloadApiClient.newClient(DefaultWorkloadApiClient.ClientOptions.builder()
				.spiffeSocketPath(this.socket)
				.exponentialBackoffPolicy(new StateTrackingBackoff())
				.executorService(executor)
				.build());
		}
		catch (SocketEndpointAddressException | IllegalArgumentException ex) {
			executor.shutdownNow();
			this.rewatch.shutdownNow();
			throw new InvalidMtlsConfigurationException(
					"'" + this.socketProperty + "' is '" + this.socket + "', which is not a Workload API address ("
							+ ex.getMessage() + ").",
					"Set '" + this.socketProperty + "' to the agent's socket, such as "
							+ "'unix:/run/spire/sockets/agent.sock'.");
		}
	}

	private void awaitFirstUpdate(Duration timeout, String timeoutProperty) {
		this.client.watchX509Context(new ContextWatcher());
		boolean arrived;
		try {
			arrived = this.firstUpdate.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			arrived = false;
		}
		if (!arrived) {
			String why = whyNothingArrived();
			close();
			throw new WorkloadApiUnavailableException(
					"no X509-SVID from the SPIFFE Workload API at '" + this.socket + "' ('" + this.socketProperty
							+ "') within " + timeout.toMillis() + " ms: " + why + ".",
					"Check that the SPIFFE agent runs, that its socket is mounted at that path (or set '"
							+ this.socketProperty + "'), and that a registration entry matches this workload; "
							+ "or give the agent longer with '" + timeoutProperty + "'.");
		}
	}

	private String whyNothingArrived() {
		URI uri = URI.create(this.socket);
		if ("unix".equals(uri.getScheme()) && uri.getPath() != null && !Files.exists(Path.of(uri.getPath()))) {
			return "the socket does not exist";
		}
		Throwable error = this.status.lastError();
		if (error != null) {
			return "the agent refused the request (" + message(error) + ")";
		}
		int attempts = this.failedAttempts.get();
		if (attempts > 0) {
			return "no agent answered on the socket (" + attempts + " attempts failed)";
		}
		return "the agent accepted the request but sent no SVID";
	}

	private void accept(X509Context context) {
		X509Svid svid = context.getDefaultSvid();
		KeyMaterial key = new KeyMaterial(svid.getPrivateKey(), svid.getChain(), this.source);
		List<WorkloadApiMaterial.TrustBundle> bundles = context.getX509BundleSet()
			.getBundles()
			.values()
			.stream()
			.map(WorkloadApiConnection::bundle)
			.sorted((a, b) -> a.trustDomain().compareTo(b.trustDomain()))
			.toList();
		this.material = new WorkloadApiMaterial(svid.getSpiffeId().toString(), key, bundles);
		this.rejection = null;
		synchronized (this) {
			this.rewatchDelay = this.initialBackoff;
		}
		changeState(State.CONNECTED, null);
		this.firstUpdate.countDown();
		notifyListeners();
	}

	private void reject(Throwable error) {
		if (this.material == null) {
			// nothing served yet: the startup wait reports it if no good update follows
			changeState(State.CONNECTING, error);
			return;
		}
		this.rejection = message(error);
		logger.log(Level.ERROR,
				"The SPIFFE Workload API at " + this.socket
						+ " pushed an X.509 context that cannot be used; still serving " + this.material.spiffeId()
						+ ": " + this.rejection);
		notifyListeners();
	}

	private void notifyListeners() {
		for (Runnable listener : this.listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				// the stream must survive a failing listener
				logger.log(Level.ERROR, "A listener of SPIFFE Workload API updates failed", ex);
			}
		}
	}

	private void streamEnded(Throwable error) {
		changeState((this.material != null) ? State.DISCONNECTED : State.CONNECTING, error);
		Duration delay;
		synchronized (this) {
			delay = this.rewatchDelay;
			this.rewatchDelay = min(delay.multipliedBy(2), this.maxBackoff);
		}
		if (!this.rewatch.isShutdown()) {
			this.rewatch.schedule(() -> this.client.watchX509Context(new ContextWatcher()), delay.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void attemptFailed() {
		this.failedAttempts.incrementAndGet();
		changeState((this.material != null) ? State.DISCONNECTED : State.CONNECTING, this.status.lastError());
	}

	private synchronized void changeState(State state, @Nullable Throwable error) {
		Status previous = this.status;
		if (previous.state() == state) {
			if (error != null) {
				this.status = new Status(state, previous.since(), error);
			}
			return;
		}
		Instant now = this.clock.instant();
		this.status = new Status(state, now, error);
		WorkloadApiMaterial served = this.material;
		if (state == State.DISCONNECTED) {
			logger.log(Level.WARNING, "Lost the SPIFFE Workload API at " + this.socket
					+ ((error != null) ? " (" + message(error) + ")" : "") + "; still serving " + describe(served)
					+ ", reconnecting with backoff up to " + this.maxBackoff.toMillis() + " ms");
		}
		else if (state == State.CONNECTED && previous.state() == State.DISCONNECTED) {
			logger.log(Level.INFO, "Reconnected to the SPIFFE Workload API at " + this.socket + " after "
					+ Duration.between(previous.since(), now).toMillis() + " ms; serving " + describe(served));
		}
		else if (state == State.CONNECTED) {
			logger.log(Level.INFO,
					"Connected to the SPIFFE Workload API at " + this.socket + "; serving " + describe(served));
		}
	}

	private static String describe(@Nullable WorkloadApiMaterial material) {
		if (material == null) {
			return "nothing";
		}
		return material.spiffeId() + " (serial " + material.key().certificate().getSerialNumber().toString(16)
				+ ", expires " + material.key().certificate().getNotAfter().toInstant() + ")";
	}

	private static WorkloadApiMaterial.TrustBundle bundle(X509Bundle bundle) {
		return new WorkloadApiMaterial.TrustBundle(bundle.getTrustDomain().getName(),
				List.copyOf(bundle.getX509Authorities()));
	}

	private static String message(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == error) ? message : error.getMessage() + ": " + message;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Whether the connection has delivered material and still streams updates.
	 */
	public enum State {

		/** No SVID has arrived yet. */
		CONNECTING,

		/** The stream of updates is open. */
		CONNECTED,

		/** The agent went away after an SVID arrived; reconnecting with backoff. */
		DISCONNECTED

	}

	/**
	 * The state of the connection and since when.
	 *
	 * @param state the state
	 * @param since when the connection entered it
	 * @param lastError the last error seen in this state, or {@code null}
	 */
	public record Status(State state, Instant since, @Nullable Throwable lastError) {
	}

	/**
	 * java-spiffe's backoff, which also tells this connection each time a stream failed
	 * and a reconnection is scheduled (the client reports retried failures nowhere else).
	 */
	private final class StateTrackingBackoff extends ExponentialBackoffPolicy {

		StateTrackingBackoff() {
			super(WorkloadApiConnection.this.initialBackoff, WorkloadApiConnection.this.maxBackoff, UNLIMITED_RETRIES,
					2);
		}

		@Override
		public Duration nextDelay(Duration currentDelay) {
			attemptFailed();
			return super.nextDelay(currentDelay);
		}

	}

	/**
	 * Receives the X.509 context stream: updates, unusable updates, and the end of a
	 * stream the client does not retry (the agent refused the request, say).
	 */
	private final class ContextWatcher implements Watcher<X509Context> {

		@Override
		public void onUpdate(X509Context update) {
			accept(update);
		}

		@Override
		public void onError(Throwable error) {
			// an unusable update wraps java-spiffe's parsing error; an ended stream,
			// gRPC's
			if (error.getCause() != null && error.getCause().getClass().getPackageName().startsWith("io.spiffe")) {
				reject(error);
			}
			else {
				streamEnded(error);
			}
		}

	}

}
