package io.mtls.boot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.ExtendedKeyUsage;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;

/**
 * One test PKI per test JVM, written to a temporary directory: a trusted CA with a server
 * and clients, and an untrusted CA with its own client.
 */
public final class TestCertificates {

	public static final CertificateAuthority CA = TestPki.rootCa("CN=Test Root CA,O=mtls-test").issue();

	public static final CertificateAuthority UNTRUSTED_CA = TestPki.rootCa("CN=Untrusted CA,O=elsewhere").issue();

	public static final IssuedCertificate SERVER = CA.localhostServer();

	public static final IssuedCertificate ALICE = CA.client("CN=alice,OU=ops,O=mtls-test").issue();

	public static final IssuedCertificate EXPIRED_CLIENT = CA.client("CN=expired,O=mtls-test").expired().issue();

	public static final IssuedCertificate NOT_YET_VALID_CLIENT = CA.client("CN=notyetvalid,O=mtls-test")
		.notYetValid()
		.issue();

	public static final IssuedCertificate SERVER_AUTH_ONLY = CA.client("CN=serverauth,O=mtls-test")
		.extendedKeyUsage(ExtendedKeyUsage.SERVER_AUTH)
		.issue();

	public static final IssuedCertificate NO_EKU = CA.client("CN=noeku,O=mtls-test").noExtendedKeyUsage().issue();

	public static final IssuedCertificate MALLORY = UNTRUSTED_CA.client("CN=mallory,O=elsewhere").issue();

	public static final Path DIRECTORY = write();

	public static final Path SERVER_CERTIFICATE = DIRECTORY.resolve("server.crt");

	public static final Path SERVER_KEY = DIRECTORY.resolve("server.key");

	public static final Path CA_CERTIFICATE = DIRECTORY.resolve("ca.crt");

	private TestCertificates() {
	}

	/**
	 * Returns the properties that serve {@link #SERVER} and trust {@link #CA}.
	 * @return the property assignments
	 */
	public static String[] pemProperties() {
		return new String[] { "mtls.server.certificate=" + SERVER_CERTIFICATE, "mtls.server.private-key=" + SERVER_KEY,
				"mtls.server.trust=" + CA_CERTIFICATE };
	}

	private static Path write() {
		try {
			Path directory = Files.createTempDirectory("mtls-test-pki");
			SERVER.writeChainPem(directory.resolve("server.crt"));
			SERVER.writePrivateKeyPem(directory.resolve("server.key"));
			CA.writeCertificatePem(directory.resolve("ca.crt"));
			for (IssuedCertificate client : new IssuedCertificate[] { ALICE, EXPIRED_CLIENT, NOT_YET_VALID_CLIENT,
					MALLORY, SERVER_AUTH_ONLY, NO_EKU }) {
				String name = client.certificate().getSubjectX500Principal().getName().split(",")[0].substring(3);
				client.writeChainPem(directory.resolve(name + ".crt"));
				client.writePrivateKeyPem(directory.resolve(name + ".key"));
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the PEM certificate file written for a client.
	 * @param name the client's CN
	 * @return the file
	 */
	public static Path clientCertificate(String name) {
		return DIRECTORY.resolve(name + ".crt");
	}

	/**
	 * Returns the PEM private key file written for a client.
	 * @param name the client's CN
	 * @return the file
	 */
	public static Path clientKey(String name) {
		return DIRECTORY.resolve(name + ".key");
	}

}
