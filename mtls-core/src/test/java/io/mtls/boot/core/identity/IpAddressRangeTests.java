package io.mtls.boot.core.identity;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing IP literals without name resolution.
 */
class IpAddressRangeTests {

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "10.1.2.3", "255.255.255.255", "::", "::1", "1::", "fd00::1:2",
			"2001:db8:0:0:0:0:0:42", "2001:DB8::42", "::ffff:10.1.2.3", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::",
			"::2:3:4:5:6:7:8" })
	void parsesLiteralsAsTheJdkDoes(String literal) throws Exception {
		// every value here is a literal, so InetAddress resolves nothing
		byte[] expected = InetAddress.getByName(literal).getAddress();

		// the JDK folds IPv4-mapped IPv6 literals to IPv4, and so does the parser
		assertThat(IpAddressRange.parseAddress(literal)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", ":::", "1::2::3",
			"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::g", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "::1.2.3",
			"1.2.3.4::", "1:2:3:4:5:6:7:8::", "fe80::1%eth0", "[::1]", "localhost", "10.1", "1.2.3.4.example.org" })
	void rejectsNonLiterals(String text) {
		assertThat(IpAddressRange.parseAddress(text)).isNull();
	}

}
