package io.mtls.boot.core.identity;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.CertificateSpec;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;

/**
 * The CAs the identity tests issue client certificates from.
 */
final class IdentityTestPki {

	static final CertificateAuthority ROOT = TestPki.rootCa("CN=Identity Root,O=Example").issue();

	static final CertificateAuthority INTERMEDIATE = ROOT.intermediateCa("CN=Identity Intermediate,O=Example").issue();

	private IdentityTestPki() {
	}

	static ClientIdentity identity(CertificateSpec<IssuedCertificate> spec) {
		return ClientIdentity.of(spec.issue().chain());
	}

	static ClientIdentity client(String subject) {
		return identity(ROOT.client(subject));
	}

}
