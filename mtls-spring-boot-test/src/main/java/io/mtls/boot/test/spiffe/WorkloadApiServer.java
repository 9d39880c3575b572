package io.mtls.boot.test.spiffe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import org.jspecify.annotations.Nullable;

/**
 * A SPIFFE Workload API for tests, as a SPIRE agent serves it to one workload: the
 * published {@code SpiffeWorkloadAPI} gRPC service's {@code FetchX509SVID} and
 * {@code FetchX509Bundles} streams on a Unix domain socket in a temporary directory,
 * refusing calls without the {@code workload.spiffe.io: true} header, serving an
 * X509-SVID issued by a CA of the test PKI and that CA as the trust domain's bundle.
 * <p>
 * Tests drive it like an agent's life: {@link #rotate()} pushes a new SVID to every open
 * stream, {@link #federate} adds another trust domain's bundle, {@link #stall()} keeps
 * answering nothing, {@link #stop()} takes the socket away and {@link #start()} brings it
 * back. Linux only (epoll domain sockets). Needs {@code io.spiffe:java-spiffe-core} and
 * {@code io.spiffe:grpc-netty-linux} on the test classpath.
 *
 * <pre class="code">
 * CertificateAuthority ca = TestPki.rootCa("CN=example.org").uri("spiffe://example.org").issue();
 * try (WorkloadApiServer agent = WorkloadApiServer.start(ca, "spiffe://example.org/ns/orders/sa/api")) {
 *     // mtls.spiffe.workload-api.enabled=true, mtls.spiffe.workload-api.socket=agent.address()
 *     IssuedCertificate next = agent.rotate();
 * }
 * </pre>
 */
public final class WorkloadApiServer implements AutoCloseable {

	private static final Metadata.Key<String> SECURITY_HEADER = Metadata.Key.of("workload.spiffe.io",
			Metadata.ASCII_STRING_MARSHALLER);

	private final CertificateAuthority ca;

	private final String spiffeId;

	private final Duration svidValidity;

	private final String[] dnsNames;

	private final @Nullable Path directory;

	private final Path socket;

	private final Map<String, List<X509Certificate>> federated = new ConcurrentHashMap<>();

	private final Set<StreamObserver<Workload.X509SVIDResponse>> svidStreams = ConcurrentHashMap.newKeySet();

	private final Set<StreamObserver<Workload.X509BundlesResponse>> bundleStreams = ConcurrentHashMap.newKeySet();

	private volatile IssuedCertificate svid;

	private volatile boolean stalled;

	private @Nullable Server server;

	private @Nullable EventLoopGroup eventLoops;

	private WorkloadApiServer(CertificateAuthority ca, String spiffeId, Duration svidValidity, String[] dnsNames,
			@Nullable Path socket) {
		this.ca = ca;
		this.spiffeId = spiffeId;
		this.svidValidity = svidValidity;
		this.dnsNames = dnsNames.clone();
		if (socket != null) {
			this.directory = null;
			this.socket = socket;
		}
		else {
			try {
				this.directory = Files.createTempDirectory("spiffe-workload-api");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.socket = this.directory.resolve("agent.sock");
		}
		this.svid = issue();
	}

	/**
	 * Starts serving one-hour SVIDs for a SPIFFE ID issued by a CA, which is the bundle
	 * of the ID's trust domain.
	 * @param ca the trust domain's CA
	 * @param spiffeId the workload's SPIFFE ID
	 * @return the running server
	 */
	public static WorkloadApiServer start(CertificateAuthority ca, String spiffeId) {
		return start(ca, spiffeId, Duration.ofHours(1));
	}

	/**
	 * Starts serving SVIDs of the given validity for a SPIFFE ID issued by a CA, which is
	 * the bundle of the ID's trust domain.
	 * @param ca the trust domain's CA
	 * @param spiffeId the workload's SPIFFE ID
	 * @param svidValidity how long each SVID is valid
	 * @param dnsNames DNS names each SVID also carries (as SPIRE's {@code -dns} entry
	 * option gives), such as {@code localhost} for callers that verify host names
	 * @return the running server
	 */
	public static WorkloadApiServer start(CertificateAuthority ca, String spiffeId, Duration svidValidity,
			String... dnsNames) {
		WorkloadApiServer server = new WorkloadApiServer(ca, spiffeId, svidValidity, dnsNames, null);
		server.start();
		return server;
	}

	/**
	 * Starts serving on a given socket path, as an agent whose socket another process (a
	 * service started as a jar, say) is told about, SVIDs of the given validity for a
	 * SPIFFE ID issued by a CA, which is the bundle of the ID's trust domain.
	 * @param socket the Unix socket path; its directory must exist, and the file is
	 * removed on {@link #stop()}
	 * @param ca the trust domain's CA
	 * @param spiffeId the workload's SPIFFE ID
	 * @param svidValidity how long each SVID is valid
	 * @param dnsNames DNS names each SVID also carries
	 * @return the running server
	 */
	public static WorkloadApiServer startOn(Path socket, CertificateAuthority ca, String spiffeId,
			Duration svidValidity, String... dnsNames) {
		WorkloadApiServer server = new WorkloadApiServer(ca, spiffeId, svidValidity, dnsNames, socket);
		server.start();
		return server;
	}

	/**
	 * Returns the address to configure as {@code mtls.spiffe.workload-api.socket} (or
	 * {@code SPIFFE_ENDPOINT_SOCKET}).
	 * @return {@code unix:} and the socket path
	 */
	public String address() {
		return "unix:" + this.socket;
	}

	/**
	 * Returns the SVID served now.
	 * @return the SVID with its key and chain
	 */
	public IssuedCertificate svid() {
		return this.svid;
	}

	/**
	 * Returns the trust domain of the served SPIFFE ID.
	 * @return the trust domain, such as {@code example.org}
	 */
	public String trustDomain() {
		return trustDomain(this.spiffeId);
	}

	/**
	 * Issues a new SVID for the same SPIFFE ID and pushes it to every open stream.
	 * @return the new SVID
	 */
	public IssuedCertificate rotate() {
		this.svid = issue();
		push();
		return this.svid;
	}

	/**
	 * Serves the given SVID (any certificate of the test PKI, valid or not) and pushes it
	 * to every open stream, as an agent with a broken CA might.
	 * @param svid the SVID to serve
	 */
	public void serve(IssuedCertificate svid) {
		this.svid = svid;
		push();
	}

	/**
	 * Federates with another trust domain: its bundle is pushed with every update from
	 * now on, starting with one pushed now.
	 * @param trustDomain the trust domain, such as {@code partner.org}
	 * @param authorities its CA certificates
	 */
	public void federate(String trustDomain, X509Certificate... authorities) {
		this.federated.put(trustDomain, List.of(authorities));
		push();
	}

	/**
	 * Keeps streams open but answers nothing, on streams opened before or after, until
	 * {@link #resume()}.
	 */
	public void stall() {
		this.stalled = true;
	}

	/**
	 * Ends a {@link #stall()}: every open stream gets the current SVID and bundles.
	 */
	public void resume() {
		this.stalled = false;
		push();
	}

	/**
	 * Starts serving on the socket (again, after {@link #stop()}).
	 */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		EventLoopGroup loops = new EpollEventLoopGroup(1);
		Server started = NettyServerBuilder.forAddress(new DomainSocketAddress(this.socket.toString()))
			.channelType(EpollServerDomainSocketChannel.class)
			.bossEventLoopGroup(loops)
			.workerEventLoopGroup(loops)
			.addService(ServerInterceptors.intercept(new Service(), new SecurityHeaderCheck()))
			.build();
		try {
			this.server = started.start();
			this.eventLoops = loops;
		}
		catch (IOException ex) {
			loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
			throw new UncheckedIOException("Cannot serve the Workload API on " + this.socket, ex);
		}
	}

	/**
	 * Goes away as a crashed agent does: open streams end, the socket is removed, and new
	 * connections fail until {@link #start()}.
	 */
	public synchronized void stop() {
		Server running = this.server;
		EventLoopGroup loops = this.eventLoops;
		if (running == null || loops == null) {
			return;
		}
		running.shutdownNow();
		try {
			running.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
		this.server = null;
		this.eventLoops = null;
		this.svidStreams.clear();
		this.bundleStreams.clear();
		try {
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns whether the server is serving.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	@Override
	public void close() {
		stop();
		if (this.directory == null) {
			return;
		}
		try {
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private IssuedCertificate issue() {
		return this.ca.svid(this.spiffeId).dns(this.dnsNames).validFor(this.svidValidity).issue();
	}

	private void push() {
		if (this.stalled) {
			return;
		}
		Workload.X509SVIDResponse svids = svidResponse();
		Workload.X509BundlesResponse bundles = bundlesResponse();
		this.svidStreams.forEach((stream) -> send(stream, svids, this.svidStreams));
		this.bundleStreams.forEach((stream) -> send(stream, bundles, this.bundleStreams));
	}

	private static <T> void send(StreamObserver<T> stream, T response, Set<StreamObserver<T>> streams) {
		synchronized (stream) {
			try {
				stream.onNext(response);
			}
			catch (RuntimeException ex) {
				// the workload hung up
				streams.remove(stream);
			}
		}
	}

	private Workload.X509SVIDResponse svidResponse() {
		IssuedCertificate current = this.svid;
		Workload.X509SVIDResponse.Builder response = Workload.X509SVIDResponse.newBuilder()
			.addSvids(Workload.X509SVID.newBuilder()
				.setSpiffeId(this.spiffeId)
				.setX509Svid(der(current.chain()))
				.setX509SvidKey(ByteString.copyFrom(current.privateKey().getEncoded()))
				.setBundle(der(List.of(this.ca.certificate()))));
		this.federated
			.forEach((domain, authorities) -> response.putFederatedBundles("spiffe://" + domain, der(authorities)));
		return response.build();
	}

	private Workload.X509BundlesResponse bundlesResponse() {
		Map<String, ByteString> bundles = new LinkedHashMap<>();
		bundles.put("spiffe://" + trustDomain(), der(List.of(this.ca.certificate())));
		this.federated.forEach((domain, authorities) -> bundles.put("spiffe://" + domain, der(authorities)));
		return Workload.X509BundlesResponse.newBuilder().putAllBundles(bundles).build();
	}

	private static ByteString der(List<X509Certificate> certificates) {
		ByteString.Output out = ByteString.newOutput();
		for (X509Certificate certificate : certificates) {
			try {
				out.write(certificate.getEncoded());
			}
			catch (CertificateEncodingException | IOException ex) {
				throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), ex);
			}
		}
		return out.toByteString();
	}

	private static String trustDomain(String spiffeId) {
		String rest = spiffeId.substring("spiffe://".length());
		int slash = rest.indexOf('/');
		return (slash < 0) ? rest : rest.substring(0, slash);
	}

	private final class Service extends SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase {

		@Override
		public void fetchX509SVID(Workload.X509SVIDRequest request,
				StreamObserver<Workload.X509SVIDResponse> responses) {
			open(responses, WorkloadApiServer.this.svidStreams, svidResponse());
		}

		@Override
		public void fetchX509Bundles(Workload.X509BundlesRequest request,
				StreamObserver<Workload.X509BundlesResponse> responses) {
			open(responses, WorkloadApiServer.this.bundleStreams, bundlesResponse());
		}

		private <T> void open(StreamObserver<T> responses, Set<StreamObserver<T>> streams, T first) {
			((ServerCallStreamObserver<T>) responses).setOnCancelHandler(() -> streams.remove(responses));
			streams.add(responses);
			if (!WorkloadApiServer.this.stalled) {
				send(responses, first, streams);
			}
		}

	}

	/**
	 * Refuses calls without the {@code workload.spiffe.io: true} header, as SPIRE does.
	 */
	private static final class SecurityHeaderCheck implements ServerInterceptor {

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			if (!"true".equals(headers.get(SECURITY_HEADER))) {
				call.close(Status.INVALID_ARGUMENT.withDescription("security header missing from request"),
						new Metadata());
				return new ServerCall.Listener<>() {
				};
			}
			return next.startCall(call, headers);
		}

	}

}
