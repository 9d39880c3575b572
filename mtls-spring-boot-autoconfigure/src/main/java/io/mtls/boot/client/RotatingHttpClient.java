package io.mtls.boot.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that hands each request to a delegate and replaces the
 * delegate, with its connection pool, once the connections it pooled have outlived a
 * rotation by the configured age. The JDK client offers no way to evict pooled
 * connections, so a fresh client (built by the same JDK builder) takes the new requests
 * and the old one is left to finish what it carries. Failed calls are shown to
 * {@link ServerRefusals}.
 */
final class RotatingHttpClient extends HttpClient {

	private final HttpClient.Builder template;

	private final LongPredicate expired;

	private final ServerRefusals refusals;

	private volatile Generation current;

	private RotatingHttpClient(HttpClient.Builder template, LongPredicate expired, ServerRefusals refusals) {
		this.template = template;
		this.expired = expired;
		this.refusals = refusals;
		this.current = new Generation(build(), System.nanoTime());
	}

	private HttpClient build() {
		return this.template.build();
	}

	HttpClient delegate() {
		Generation generation = this.current;
		if (this.expired.test(generation.createdAt())) {
			synchronized (this) {
				generation = this.current;
				if (this.expired.test(generation.createdAt())) {
					generation = new Generation(build(), System.nanoTime());
					this.current = generation;
				}
			}
		}
		return generation.client();
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return delegate().cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return delegate().connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return delegate().followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return delegate().proxy();
	}

	@Override
	public SSLContext sslContext() {
		return delegate().sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return delegate().sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return delegate().authenticator();
	}

	@Override
	public Version version() {
		return delegate().version();
	}

	@Override
	public Optional<Executor> executor() {
		return delegate().executor();
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
			throws IOException, InterruptedException {
		try {
			return delegate().send(request, handler);
		}
		catch (IOException ex) {
			this.refusals.failed(request.uri(), ex);
			throw ex;
		}
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
		return observe(request, delegate().sendAsync(request, handler));
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler,
			PushPromiseHandler<T> pushPromiseHandler) {
		return observe(request, delegate().sendAsync(request, handler, pushPromiseHandler));
	}

	@Override
	public java.net.http.WebSocket.Builder newWebSocketBuilder() {
		return delegate().newWebSocketBuilder();
	}

	private <T> CompletableFuture<HttpResponse<T>> observe(HttpRequest request,
			CompletableFuture<HttpResponse<T>> response) {
		response.whenComplete((result, failure) -> {
			if (failure != null) {
				this.refusals.failed(request.uri(), failure);
			}
		});
		return response;
	}

	private record Generation(HttpClient client, long createdAt) {
	}

	/**
	 * Builds a {@link RotatingHttpClient} from the settings given to a JDK builder.
	 */
	static final class Builder implements HttpClient.Builder {

		private final HttpClient.Builder builder;

		private final LongPredicate expired;

		private final ServerRefusals refusals;

		Builder(HttpClient.Builder builder, LongPredicate expired, ServerRefusals refusals) {
			this.builder = builder;
			this.expired = expired;
			this.refusals = refusals;
		}

		private Builder set(Consumer<HttpClient.Builder> setting) {
			setting.accept(this.builder);
			return this;
		}

		@Override
		public Builder cookieHandler(CookieHandler cookieHandler) {
			return set((b) -> b.cookieHandler(cookieHandler));
		}

		@Override
		public Builder connectTimeout(Duration duration) {
			return set((b) -> b.connectTimeout(duration));
		}

		@Override
		public Builder sslContext(SSLContext sslContext) {
			return set((b) -> b.sslContext(sslContext));
		}

		@Override
		public Builder sslParameters(SSLParameters sslParameters) {
			return set((b) -> b.sslParameters(sslParameters));
		}

		@Override
		public Builder executor(Executor executor) {
			return set((b) -> b.executor(executor));
		}

		@Override
		public Builder followRedirects(Redirect policy) {
			return set((b) -> b.followRedirects(policy));
		}

		@Override
		public Builder version(Version version) {
			return set((b) -> b.version(version));
		}

		@Override
		public Builder priority(int priority) {
			return set((b) -> b.priority(priority));
		}

		@Override
		public Builder proxy(ProxySelector proxySelector) {
			return set((b) -> b.proxy(proxySelector));
		}

		@Override
		public Builder authenticator(Authenticator authenticator) {
			return set((b) -> b.authenticator(authenticator));
		}

		@Override
		public HttpClient build() {
			return new RotatingHttpClient(this.builder, this.expired, this.refusals);
		}

	}

}
