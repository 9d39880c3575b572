package io.mtls.boot.security;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mtls.boot.core.BoundedCache;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationVerdict;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Authenticates {@link ClientCertificateAuthenticationToken}s: parses the verified leaf
 * into a {@link ClientIdentity}, picks its principal name and maps its authorities. The
 * outcome is cached per certificate (bounded), so parsing and rule matching happen once
 * per certificate rather than once per request. A certificate that cannot be an identity
 * fails with a {@link BadCredentialsException} caused by a
 * {@link ClientIdentityException} that carries the reason.
 * <p>
 * With a {@link RevocationChecker}, each cached outcome remembers the checker's
 * generation; when the CRLs or the deny-list changed since, the chain is checked again
 * (local sources and cached OCSP answers only, no network), so a certificate revoked or
 * denied while its keep-alive connection is open is refused from its next request with
 * reason {@code revoked} or {@code denied}.
 */
public class ClientCertificateAuthenticationProvider implements AuthenticationProvider {

	private final PrincipalSource principalSource;

	private final ClientCertificateAuthoritiesMapper authoritiesMapper;

	private final int cacheSize;

	private final Clock clock;

	private final @Nullable RevocationChecker revocation;

	private final Map<X509Certificate, Outcome> cache = new ConcurrentHashMap<>();

	/**
	 * Creates a provider.
	 * @param principalSource which attribute names the principal
	 * @param authoritiesMapper maps identities to authorities
	 * @param cacheSize how many certificates' outcomes to keep
	 * @param clock the clock expiry is checked against
	 */
	public ClientCertificateAuthenticationProvider(PrincipalSource principalSource,
			ClientCertificateAuthoritiesMapper authoritiesMapper, int cacheSize, Clock clock) {
		this(principalSource, authoritiesMapper, cacheSize, clock, null);
	}

	/**
	 * Creates a provider that re-checks revocation when the CRLs or the deny-list change.
	 * @param principalSource which attribute names the principal
	 * @param authoritiesMapper maps identities to authorities
	 * @param cacheSize how many certificates' outcomes to keep
	 * @param clock the clock expiry is checked against
	 * @param revocation the checker of the handshake, or {@code null}
	 */
	public ClientCertificateAuthenticationProvider(PrincipalSource principalSource,
			ClientCertificateAuthoritiesMapper authoritiesMapper, int cacheSize, Clock clock,
			@Nullable RevocationChecker revocation) {
		this.revocation = revocation;
		this.principalSource = principalSource;
		this.authoritiesMapper = authoritiesMapper;
		this.cacheSize = cacheSize;
		this.clock = clock;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) {
		List<X509Certificate> chain = ((ClientCertificateAuthenticationToken) authentication).getChain();
		X509Certificate leaf = chain.get(0);
		Outcome outcome = this.cache.get(leaf);
		if (outcome == null) {
			outcome = evaluate(chain, generation());
			remember(leaf, outcome);
		}
		else if (this.revocation != null && outcome.generation() != generation()) {
			// the CRLs or the deny-list changed since this outcome was cached
			long generation = generation();
			RevocationVerdict verdict = this.revocation.recheck(chain);
			outcome = (verdict != null)
					? new Outcome(null, new ClientIdentityException(verdict.reason(), verdict.detail()), generation)
					: (outcome.revoked() ? evaluate(chain, generation) : outcome.at(generation));
			this.cache.put(leaf, outcome);
		}
		if (outcome.failure() != null) {
			throw rejected(outcome.failure());
		}
		// a keep-alive connection can outlive the certificate it was opened with
		if (this.clock.millis() > leaf.getNotAfter().getTime()) {
			throw rejected(new ClientIdentityException(RejectionReason.EXPIRED, "client certificate '"
					+ leaf.getSubjectX500Principal().getName() + "' expired on " + leaf.getNotAfter().toInstant()));
		}
		return outcome.token();
	}

	/**
	 * Wraps the reason in a plain {@link BadCredentialsException}, the type Spring
	 * Security's event publisher maps to a failure event.
	 */
	private static BadCredentialsException rejected(ClientIdentityException reason) {
		return new BadCredentialsException(reason.getMessage(), reason);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ClientCertificateAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private long generation() {
		return (this.revocation != null) ? this.revocation.generation() : 0;
	}

	private Outcome evaluate(List<X509Certificate> chain, long generation) {
		if (this.revocation != null && generation != 0) {
			RevocationVerdict verdict = this.revocation.recheck(chain);
			if (verdict != null) {
				return new Outcome(null, new ClientIdentityException(verdict.reason(), verdict.detail()), generation);
			}
		}
		try {
			ClientIdentity identity = ClientIdentity.of(chain);
			String name = identity.principalName(this.principalSource);
			return new Outcome(ClientCertificateAuthenticationToken.authenticated(identity, name,
					this.authoritiesMapper.getAuthorities(identity)), null, generation);
		}
		catch (ClientIdentityException ex) {
			return new Outcome(null, ex, generation);
		}
	}

	private void remember(X509Certificate leaf, Outcome outcome) {
		BoundedCache.put(this.cache, this.cacheSize, leaf, outcome);
	}

	/**
	 * Returns how many certificates' outcomes are cached.
	 * @return the number of cached certificates
	 */
	public int cachedCertificates() {
		return this.cache.size();
	}

	private record Outcome(@Nullable ClientCertificateAuthenticationToken token,
			@Nullable ClientIdentityException failure, long generation) {

		Outcome at(long generation) {
			return new Outcome(this.token, this.failure, generation);
		}

		boolean revoked() {
			return this.failure != null && switch (this.failure.reason()) {
				case REVOKED, DENIED, REVOCATION_UNKNOWN -> true;
				default -> false;
			};
		}

	}

}
