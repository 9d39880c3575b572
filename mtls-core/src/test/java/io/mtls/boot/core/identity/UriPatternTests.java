package io.mtls.boot.core.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.mtls.boot.core.identity.IdentityTestPki.ROOT;
import static io.mtls.boot.core.identity.IdentityTestPki.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * URI and SPIFFE ID patterns: {@code *} stands in one path segment, {@code **} for any
 * number of whole segments, zero included, as in Spring's path patterns.
 */
class UriPatternTests {

	@ParameterizedTest(name = "{0} ~ {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns/ops            | true
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns/ops/sa/billing | true
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns/ops/sa/api     | true
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns/opsx/sa/api    | false
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns/dev/sa/api     | false
			spiffe://example.org/ns/ops/**         | spiffe://example.org/ns                | false
			spiffe://example.org/**                | spiffe://example.org                   | true
			spiffe://example.org/**                | spiffe://example.org/a/b/c             | true
			spiffe://example.org/**                | spiffe://example.com/a                 | false
			spiffe://example.org/**/sa/billing     | spiffe://example.org/sa/billing        | true
			spiffe://example.org/**/sa/billing     | spiffe://example.org/ns/ops/sa/billing | true
			spiffe://example.org/**/sa/billing     | spiffe://example.org/ns/ops/sa/api     | false
			spiffe://example.org/**/sa/billing     | spiffe://example.org/sa/billing/x      | false
			spiffe://example.org/ns/*/**/billing   | spiffe://example.org/ns/billing        | false
			spiffe://example.org/ns/*/**/billing   | spiffe://example.org/ns/a/billing      | true
			spiffe://example.org/ns/*/**/billing   | spiffe://example.org/ns/a/b/c/billing  | true
			spiffe://example.org/**/x/**/y         | spiffe://example.org/a/x/b/x/c/y       | true
			spiffe://example.org/**/x/**/y         | spiffe://example.org/a/x/b/y/c         | false
			spiffe://example.org/ns/*              | spiffe://example.org/ns/ops/sa         | false
			""")
	void doubleStarMatchesAnyNumberOfWholeSpiffeSegments(String pattern, String candidate, boolean matches) {
		SpiffeId spiffeId = SpiffeId.parse(candidate).orElseThrow();
		assertThat(SpiffeIdPattern.compile(pattern).matches(spiffeId)).as("spiffe-id").isEqualTo(matches);
		assertThat(UriPattern.compile(pattern).matches(identity(ROOT.client("CN=workload").uri(candidate))))
			.as("san-uri")
			.isEqualTo(matches);
	}

	@ParameterizedTest(name = "{0} ~ {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			https://id.example.org/users/**       | https://id.example.org/users          | true
			https://id.example.org/users/**       | https://id.example.org/users/bob      | true
			https://id.example.org/users/**       | https://id.example.org/users/bob/keys | true
			https://id.example.org/users/**       | https://id.example.org/usersx/bob     | false
			https://id.example.org/**/keys        | https://id.example.org/users/bob/keys | true
			https://id.example.org/**/keys        | https://id.example.org/keys           | true
			https://id.example.org/**/keys        | https://id.example.org/users/bob      | false
			https://id.example.org/**/k*          | https://id.example.org/a/b/keys       | true
			https://*.example.org/**              | https://id.example.org/a/b            | true
			https://id.example.org/users/*        | https://id.example.org/users/bob/keys | false
			""")
	void doubleStarMatchesAnyNumberOfWholeUriSegments(String pattern, String candidate, boolean matches) {
		assertThat(UriPattern.compile(pattern).matches(identity(ROOT.client("CN=uri").uri(candidate))))
			.isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			spiffe://example.org/ns/a**b
			spiffe://example.org/ns/**x
			spiffe://example.org/ns/***
			https://id.example.org/users/**x
			https://id.example.org/a**b/c
			urn:example:client:**
			""")
	void doubleStarInsideASegmentIsRefused(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> UriPattern.compile(pattern))
			.withMessageContaining("'**' must be a whole path segment");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			spiffe://example.org/ns/a**b
			spiffe://example.org/ns/**x
			spiffe://example.org/ns/***
			""")
	void doubleStarInsideASpiffeSegmentIsRefused(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> SpiffeIdPattern.compile(pattern))
			.withMessageContaining("'**' must be a whole path segment");
	}

}
