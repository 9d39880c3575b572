package io.mtls.boot.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.PemDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation, reuse and renewal of the development PKI.
 */
class DevPkiTests {

	@TempDir
	Path directory;

	@Test
	void generatesCaServerAndClientsThatChainToTheCa() throws Exception {
		DevPkiFiles files = new DevPki(this.directory, Clock.systemUTC()).files();
		X509Certificate ca = certificate(files.caCertificate());
		X509Certificate server = certificate(files.serverCertificate());
		server.verify(ca.getPublicKey());
		assertThat(sanValues(server)).contains("localhost", "127.0.0.1");
		assertThat(files.clients()).extracting(DevPkiFiles.Client::name)
			.containsExactly("alice", "bob", "orders-service");
		for (DevPkiFiles.Client client : files.clients()) {
			certificate(client.certificate()).verify(ca.getPublicKey());
			KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
			try (var in = Files.newInputStream(client.pkcs12())) {
				pkcs12.load(in, DevPki.PKCS12_PASSWORD.toCharArray());
			}
			assertThat(pkcs12.size()).isEqualTo(1);
		}
		assertThat(sanValues(certificate(files.clients().get(2).certificate())))
			.containsExactly("spiffe://mtls.dev/ns/default/sa/orders");
		assertThat(files.caCertificate()).isAbsolute();
	}

	@Test
	void privateKeysAreReadableByTheOwnerOnly() throws Exception {
		DevPkiFiles files = new DevPki(this.directory, Clock.systemUTC()).files();
		for (Path key : new Path[] { files.serverPrivateKey(), files.clients().get(0).privateKey(),
				this.directory.resolve("ca.key") }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		}
	}

	@Test
	void reusesExistingFilesOnTheNextStart() throws Exception {
		DevPkiFiles first = new DevPki(this.directory, Clock.systemUTC()).files();
		byte[] server = Files.readAllBytes(first.serverCertificate());
		byte[] alice = Files.readAllBytes(first.clients().get(0).certificate());
		DevPkiFiles second = new DevPki(this.directory, Clock.systemUTC()).files();
		assertThat(Files.readAllBytes(second.serverCertificate())).isEqualTo(server);
		assertThat(Files.readAllBytes(second.clients().get(0).certificate())).isEqualTo(alice);
	}

	@Test
	void renewsLeafCertificatesBeforeTheyExpireAndKeepsTheCa() throws Exception {
		DevPkiFiles first = new DevPki(this.directory, Clock.systemUTC()).files();
		X509Certificate server = certificate(first.serverCertificate());
		byte[] ca = Files.readAllBytes(first.caCertificate());
		Clock nearExpiry = Clock.fixed(server.getNotAfter().toInstant().minus(Duration.ofDays(1)), ZoneOffset.UTC);
		DevPkiFiles renewed = new DevPki(this.directory, nearExpiry).files();
		assertThat(certificate(renewed.serverCertificate())).isNotEqualTo(server);
		assertThat(Files.readAllBytes(renewed.caCertificate())).isEqualTo(ca);
	}

	@Test
	void reissuesEverythingWhenTheCaExpires() throws Exception {
		DevPkiFiles first = new DevPki(this.directory, Clock.systemUTC()).files();
		X509Certificate ca = certificate(first.caCertificate());
		X509Certificate alice = certificate(first.clients().get(0).certificate());
		Instant caExpiry = ca.getNotAfter().toInstant();
		DevPkiFiles renewed = new DevPki(this.directory, Clock.fixed(caExpiry, ZoneOffset.UTC)).files();
		X509Certificate newCa = certificate(renewed.caCertificate());
		assertThat(newCa).isNotEqualTo(ca);
		X509Certificate newAlice = certificate(renewed.clients().get(0).certificate());
		assertThat(newAlice).isNotEqualTo(alice);
		newAlice.verify(newCa.getPublicKey());
	}

	@Test
	void replacesACorruptServerCertificate() throws Exception {
		DevPkiFiles first = new DevPki(this.directory, Clock.systemUTC()).files();
		Files.writeString(first.serverCertificate(), "garbage");
		DevPkiFiles repaired = new DevPki(this.directory, Clock.systemUTC()).files();
		certificate(repaired.serverCertificate()).verify(certificate(repaired.caCertificate()).getPublicKey());
	}

	private static List<Object> sanValues(X509Certificate certificate) throws CertificateParsingException {
		return certificate.getSubjectAlternativeNames().stream().<Object>map((san) -> san.get(1)).toList();
	}

	private static X509Certificate certificate(Path file) {
		return PemDecoder.certificates(MaterialSource.ofPath("test", file)).get(0);
	}

}
