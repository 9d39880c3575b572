package io.mtls.boot.security;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;

import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.security.SecurityTestPki.request;
import static io.mtls.boot.security.SecurityTestPki.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authentication of a request holds for its {@code ERROR}, {@code FORWARD} and
 * {@code ASYNC} dispatches: error statuses reach the client as themselves with Spring
 * Boot's error body, each request counts one authentication and publishes one event,
 * method security sees the identity, and the access log and MDC name the caller. Real
 * handshakes against the starter's default chain; subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityDispatchTests {

	private static final AtomicInteger clients = new AtomicInteger();

	private Path logs;

	private ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	/**
	 * Returns the properties that make the server write an access log printing the
	 * {@link MtlsRequestAttributes} into the given directory.
	 */
	abstract String[] accessLogProperties(Path directory);

	/**
	 * Returns the access log file the properties above produce.
	 */
	abstract Path accessLog(Path directory);

	@BeforeAll
	void start() throws IOException {
		this.logs = Files.createTempDirectory("mtls-access-log");
		this.context = server().start(SecuredApplication.class,
				EmbeddedServer.properties(EmbeddedServer.properties(SecurityTestPki.serverProperties("need"),
						"mtls.identity.mdc=true", "mtls.authorization.rules[0].subject=OU=ops",
						"mtls.authorization.rules[0].authorities=ROLE_ADMIN"), accessLogProperties(this.logs)));
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@Test
	void unknownPathIs404WithBootsErrorBodyAndCountsOneSuccess() throws Exception {
		Outcome outcome = call(request(this.context, "/nonexistent"));
		outcome.assertStatusAndBootErrorBody(404, "Not Found", "/nonexistent");
	}

	@Test
	void unsupportedMethodIs405() throws Exception {
		Outcome outcome = call(request(this.context, "/whoami").DELETE());
		outcome.assertStatusAndBootErrorBody(405, "Method Not Allowed", "/whoami");
	}

	@Test
	void unacceptableMediaTypeIs406AsWithoutTheStarter() throws Exception {
		Outcome outcome = call(request(this.context, "/report").header("Accept", "text/csv"));
		// Boot's error controller cannot write text/csv either: a bare 406
		assertThat(outcome.response.statusCode()).isEqualTo(406);
		assertThat(outcome.response.body()).isEmpty();
		outcome.assertCountedOnce();
	}

	@Test
	void unsupportedContentTypeIs415() throws Exception {
		Outcome outcome = call(request(this.context, "/orders").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("one order")));
		outcome.assertStatusAndBootErrorBody(415, "Unsupported Media Type", "/orders");
	}

	@Test
	void failingHandlerIs500() throws Exception {
		Outcome outcome = call(request(this.context, "/boom"));
		outcome.assertStatusAndBootErrorBody(500, "Internal Server Error", "/boom");
	}

	@Test
	void forwardKeepsTheAuthentication() throws Exception {
		Outcome outcome = call(request(this.context, "/forward"));
		assertThat(outcome.response.statusCode()).isEqualTo(200);
		assertThat(outcome.response.body()).startsWith(outcome.name + "|");
		outcome.assertCountedOnce();
	}

	@Test
	void asyncDispatchKeepsTheAuthentication() throws Exception {
		Outcome outcome = call(request(this.context, "/async"));
		assertThat(outcome.response.statusCode()).isEqualTo(200);
		assertThat(outcome.response.body()).isEqualTo("async " + outcome.name);
		outcome.assertCountedOnce();
	}

	@Test
	void preAuthorizeHasRoleAndCurrentSecurityContext() throws Exception {
		IssuedCertificate admin = ROOT.client("CN=root,OU=ops,O=Example").issue();
		HttpResponse<String> allowed = send(admin, request(this.context, "/ops"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.body()).isEqualTo("ops root");
		HttpResponse<String> denied = send(ROOT.client("CN=dev,OU=dev,O=Example").issue(),
				request(this.context, "/ops"));
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.body()).contains("\"reason\":\"forbidden\"", "\"instance\":\"/ops\"");
	}

	@Test
	void spelReachesTheIdentity() throws Exception {
		assertThat(send(ROOT.client("CN=carol,O=Example").issue(), request(this.context, "/same-organization")).body())
			.isEqualTo("carol");
		assertThat(send(ROOT.client("CN=dave,O=Elsewhere").issue(), request(this.context, "/same-organization"))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void mdcNamesTheCallerDuringTheRequestOnly() throws Exception {
		IssuedCertificate workload = ROOT.client("CN=orders,O=Example")
			.uri("spiffe://example.org/ns/prod/sa/orders")
			.issue();
		HttpResponse<String> response = send(workload, request(this.context, "/mdc"));
		assertThat(response.body())
			.isEqualTo("orders|spiffe://example.org/ns/prod/sa/orders|" + workload.sha256Fingerprint());
		assertThat(this.context.getBean(SecuredApplication.MdcAfterRequests.class).leftovers).isEmpty();
	}

	@Test
	void accessLogNamesTheCaller() throws Exception {
		IssuedCertificate workload = ROOT.client("CN=logged,O=Example")
			.uri("spiffe://example.org/ns/prod/sa/logged")
			.issue();
		send(workload, request(this.context, "/whoami?access-log"));
		String expected = "GET /whoami?access-log HTTP/1.1 200 logged spiffe://example.org/ns/prod/sa/logged "
				+ workload.sha256Fingerprint();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readAccessLog()).contains(expected));
	}

	private String readAccessLog() throws IOException {
		Path file = accessLog(this.logs);
		try (var files = Files.list(this.logs)) {
			return Files.exists(file) ? Files.readString(file) : "no " + file + " in " + files.toList();
		}
	}

	private Outcome call(HttpRequest.Builder request) throws Exception {
		String name = "client-" + clients.incrementAndGet();
		double successes = authentications("success");
		double failures = authentications("failure");
		HttpResponse<String> response = send(ROOT.client("CN=" + name + ",O=Example").issue(), request);
		return new Outcome(name, response, authentications("success") - successes,
				authentications("failure") - failures, successEvents(name));
	}

	private double authentications(String outcome) {
		return this.context.getBean(MeterRegistry.class)
			.find("mtls.authentication")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private long successEvents(String name) {
		return this.context.getBean(SecuredApplication.AuthenticationEvents.class).events.stream()
			.filter((event) -> event instanceof AuthenticationSuccessEvent)
			.filter((event) -> event.getAuthentication().getName().equals(name))
			.count();
	}

	private record Outcome(String name, HttpResponse<String> response, double successes, double failures,
			long successEvents) {

		void assertStatusAndBootErrorBody(int status, String error, String path) {
			assertThat(this.response.statusCode()).as(this.response.body()).isEqualTo(status);
			assertThat(this.response.headers().firstValue("Content-Type")).hasValue("application/json");
			assertThat(this.response.body())
				.contains("\"status\":" + status, "\"error\":\"" + error + "\"", "\"path\":\"" + path + "\"")
				.doesNotContain("\"reason\"");
			assertCountedOnce();
		}

		void assertCountedOnce() {
			assertThat(this.successes).as("mtls.authentication{outcome=success}").isEqualTo(1);
			assertThat(this.failures).as("mtls.authentication{outcome=failure}").isZero();
			assertThat(this.successEvents).as("AuthenticationSuccessEvents").isEqualTo(1);
		}

	}

}
