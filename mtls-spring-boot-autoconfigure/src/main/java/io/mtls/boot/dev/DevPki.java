package io.mtls.boot.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.PemDecoder;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.CertificateSpec;
import io.mtls.boot.pki.ExtendedKeyUsage;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A local development PKI: a root CA, a {@code localhost} server certificate and a few
 * client identities, generated once into a directory, reused on later starts and renewed
 * before they expire. For development only.
 */
public final class DevPki {

	/** Password of every client PKCS12 file. */
	public static final String PKCS12_PASSWORD = "changeit";

	private static final Log logger = LogFactory.getLog(DevPki.class);

	private static final Duration CA_VALIDITY = Duration.ofDays(3650);

	private static final Duration LEAF_VALIDITY = Duration.ofDays(397);

	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private static final String SUBJECT_SUFFIX = ",O=mtls-spring-boot dev PKI";

	private final Path directory;

	private final Clock clock;

	private @Nullable DevPkiFiles files;

	/**
	 * Creates a dev PKI rooted at a directory; nothing is written until {@link #files()}.
	 * @param directory the directory
	 * @param clock the clock deciding what has expired
	 */
	public DevPki(Path directory, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.clock = clock;
	}

	/**
	 * Returns the PKI files, generating or renewing them on first call.
	 * @return the files
	 */
	public synchronized DevPkiFiles files() {
		DevPkiFiles files = this.files;
		if (files == null) {
			files = ensure();
			this.files = files;
		}
		return files;
	}

	/**
	 * Returns whether {@link #files()} has been used, so the PKI is actually served.
	 * @return whether the PKI is in use
	 */
	public synchronized boolean isInUse() {
		return this.files != null;
	}

	private DevPkiFiles ensure() {
		logger.warn("mtls dev PKI is enabled: serving generated certificates from " + this.directory
				+ ". This is for local development only; never set mtls.dev.enabled=true in production.");
		try {
			Files.createDirectories(this.directory);
			Path caCertificate = this.directory.resolve("ca.crt");
			Path caKey = this.directory.resolve("ca.key");
			CertificateAuthority loaded = loadCa(caCertificate, caKey);
			boolean caIssued = (loaded == null);
			CertificateAuthority ca = (loaded != null) ? loaded
					: TestPki.rootCa("CN=mtls-spring-boot dev root CA" + SUBJECT_SUFFIX).validFor(CA_VALIDITY).issue();
			if (caIssued) {
				write(ca, caCertificate, caKey);
				logger.info("mtls dev PKI: issued a new root CA " + caCertificate);
			}
			Path serverCertificate = this.directory.resolve("server.crt");
			Path serverKey = this.directory.resolve("server.key");
			if (caIssued || !isCurrent(serverCertificate, serverKey, ca)) {
				// serverAuth and clientAuth: the service presents it on its outbound
				// calls too
				IssuedCertificate server = ca.server("CN=localhost" + SUBJECT_SUFFIX)
					.dns("localhost")
					.ip("127.0.0.1", "::1")
					.extendedKeyUsage(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH)
					.validFor(LEAF_VALIDITY)
					.issue();
				write(server, serverCertificate, serverKey);
				logger.info("mtls dev PKI: issued a new localhost server certificate " + serverCertificate);
			}
			List<DevPkiFiles.Client> clients = new ArrayList<>();
			for (ClientTemplate template : ClientTemplate.values()) {
				clients.add(ensureClient(template, ca, caIssued));
			}
			return new DevPkiFiles(this.directory, caCertificate, serverCertificate, serverKey, clients);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidMaterialException(MaterialSource.ofPath("mtls.dev.directory", this.directory),
					"cannot be written (" + ex.getMessage() + ")",
					"Set 'mtls.dev.directory' to a directory the application may write to.", ex);
		}
	}

	private DevPkiFiles.Client ensureClient(ClientTemplate template, CertificateAuthority ca, boolean caIssued)
			throws IOException {
		String subject = template.subject + SUBJECT_SUFFIX;
		Path certificate = this.directory.resolve(template.fileName + ".crt");
		Path key = this.directory.resolve(template.fileName + ".key");
		Path pkcs12 = this.directory.resolve(template.fileName + ".p12");
		if (caIssued || !isCurrent(certificate, key, ca) || !Files.isRegularFile(pkcs12)) {
			CertificateSpec<IssuedCertificate> spec = ca.client(subject).validFor(LEAF_VALIDITY);
			if (template.spiffeId != null) {
				spec.uri(template.spiffeId);
			}
			IssuedCertificate client = spec.issue();
			write(client, certificate, key);
			client.writePkcs12(pkcs12, PKCS12_PASSWORD.toCharArray());
			restrict(pkcs12);
			logger.info("mtls dev PKI: issued client certificate '" + subject + "' " + certificate);
		}
		return new DevPkiFiles.Client(template.fileName, subject, certificate, key, pkcs12);
	}

	private @Nullable CertificateAuthority loadCa(Path certificate, Path key) {
		if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
			return null;
		}
		try {
			X509Certificate caCertificate = PemDecoder
				.certificates(MaterialSource.ofPath("mtls.dev.directory", certificate))
				.get(0);
			PrivateKey caKey = PemDecoder.privateKey(MaterialSource.ofPath("mtls.dev.directory", key), null,
					"mtls.dev.directory");
			if (expiresSoon(caCertificate)) {
				logger.info("mtls dev PKI: root CA " + certificate + " expires soon; renewing the whole PKI");
				return null;
			}
			return CertificateAuthority.of(caCertificate, caKey);
		}
		catch (InvalidMaterialException ex) {
			logger.warn("mtls dev PKI: cannot reuse " + certificate + " (" + ex.getMessage() + "); issuing a new CA");
			return null;
		}
	}

	private boolean isCurrent(Path certificate, Path key, CertificateAuthority ca) {
		if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
			return false;
		}
		try {
			X509Certificate leaf = PemDecoder.certificates(MaterialSource.ofPath("mtls.dev.directory", certificate))
				.get(0);
			leaf.verify(ca.certificate().getPublicKey());
			if (expiresSoon(leaf)) {
				logger.info("mtls dev PKI: " + certificate + " expires soon; renewing it");
				return false;
			}
			return true;
		}
		catch (InvalidMaterialException | GeneralSecurityException ex) {
			logger.info("mtls dev PKI: cannot reuse " + certificate + " (" + ex.getMessage() + "); renewing it");
			return false;
		}
	}

	private boolean expiresSoon(X509Certificate certificate) {
		Instant renewAt = certificate.getNotAfter().toInstant().minus(RENEW_BEFORE);
		return !this.clock.instant().isBefore(renewAt);
	}

	private static void write(IssuedCertificate issued, Path certificate, Path key) throws IOException {
		issued.writeChainPem(certificate);
		issued.writePrivateKeyPem(key);
		restrict(key);
	}

	private static void restrict(Path secret) throws IOException {
		if (secret.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		}
	}

	/**
	 * The client identities every dev PKI issues: an operator, a developer and a
	 * SPIFFE-identified workload.
	 */
	private enum ClientTemplate {

		ALICE("alice", "CN=alice,OU=ops", null),

		BOB("bob", "CN=bob,OU=dev", null),

		ORDERS_SERVICE("orders-service", "CN=orders-service,OU=workloads", "spiffe://mtls.dev/ns/default/sa/orders");

		private final String fileName;

		private final String subject;

		private final @Nullable String spiffeId;

		ClientTemplate(String fileName, String subject, @Nullable String spiffeId) {
			this.fileName = fileName;
			this.subject = subject;
			this.spiffeId = spiffeId;
		}

	}

}
