package io.mtls.boot.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Caching and rejection behaviour of {@link ClientCertificateAuthenticationProvider}.
 */
class ClientCertificateAuthenticationProviderTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Provider CA").issue();

	private final AtomicInteger mappings = new AtomicInteger();

	private final ClientCertificateAuthoritiesMapper countingMapper = (identity) -> {
		this.mappings.incrementAndGet();
		return List.of(new SimpleGrantedAuthority("ROLE_" + identity.commonName().orElseThrow().toUpperCase()));
	};

	@Test
	void mapsEachCertificateOnceAndReusesTheOutcome() {
		ClientCertificateAuthenticationProvider provider = provider(100, Clock.systemUTC());
		IssuedCertificate alice = CA.client("CN=alice").issue();
		Authentication first = provider.authenticate(token(alice));
		Authentication second = provider.authenticate(token(alice));
		assertThat(second).isSameAs(first);
		assertThat(first.getName()).isEqualTo("alice");
		assertThat(first.getAuthorities()).extracting("authority").containsExactly("ROLE_ALICE", "FACTOR_X509");
		assertThat(this.mappings).hasValue(1);
	}

	@Test
	void cacheStaysBoundedUnderAFloodOfDistinctCertificates() {
		ClientCertificateAuthenticationProvider provider = provider(10, Clock.systemUTC());
		for (int i = 0; i < 100; i++) {
			provider.authenticate(token(CA.client("CN=client-" + i).issue()));
			assertThat(provider.cachedCertificates()).isLessThanOrEqualTo(10);
		}
		assertThat(this.mappings).hasValue(100);
	}

	@Test
	void rejectionIsCachedAndCarriesItsReason() {
		ClientCertificateAuthenticationProvider provider = provider(100, Clock.systemUTC());
		IssuedCertificate twoNames = CA.client("CN=a,CN=b").issue();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadCredentialsException.class)
				.isThrownBy(() -> provider.authenticate(token(twoNames)))
				.havingCause()
				.isInstanceOfSatisfying(ClientIdentityException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_COMMON_NAME));
		}
		assertThat(this.mappings).hasValue(0);
	}

	@Test
	void cachedCertificateIsRejectedOnceItExpires() {
		IssuedCertificate alice = CA.client("CN=alice").issue();
		Instant afterExpiry = alice.certificate().getNotAfter().toInstant().plusSeconds(1);
		ClientCertificateAuthenticationProvider provider = provider(100, Clock.fixed(afterExpiry, ZoneOffset.UTC));
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> provider.authenticate(token(alice)))
			.havingCause()
			.isInstanceOfSatisfying(ClientIdentityException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.EXPIRED));
	}

	private ClientCertificateAuthenticationProvider provider(int cacheSize, Clock clock) {
		return new ClientCertificateAuthenticationProvider(PrincipalSource.CN, this.countingMapper, cacheSize, clock);
	}

	private static ClientCertificateAuthenticationToken token(IssuedCertificate client) {
		return ClientCertificateAuthenticationToken.unauthenticated(client.chain());
	}

}
