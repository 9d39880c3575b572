package io.mtls.boot.test.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.test.junit.LoopbackPorts;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;

/**
 * Revocation material made by the real {@code openssl} binary from a test
 * {@link CertificateAuthority}, so you can test your service's revocation against the
 * tools your CA team uses: a CRL from {@code openssl ca -gencrl} and a running
 * {@code openssl ocsp} responder on loopback. Both read an openssl CA database
 * ({@code index.txt}) written from the certificates you list as good or revoked; a
 * certificate listed as neither is {@code unknown} to the responder.
 *
 * <pre class="code">
 * OpensslRevocation revocation = OpensslRevocation.of(ca, directory).good(alice).revoked(mallory);
 * Path crl = revocation.generateCrl();
 * try (OpensslRevocation.Responder responder = revocation.startResponder()) {
 *     // mtls.revocation.ocsp.responder = responder.uri()
 * }
 * </pre>
 */
public final class OpensslRevocation {

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final CertificateAuthority ca;

	private final Path directory;

	private final Map<X509Certificate, Boolean> entries = new LinkedHashMap<>();

	private IssuedCertificate signer;

	private OpensslRevocation(CertificateAuthority ca, Path directory) {
		this.ca = ca;
		this.directory = directory;
		this.signer = ca;
	}

	/**
	 * Starts describing the revocation state of a CA.
	 * @param ca the CA
	 * @param directory where the openssl database, keys and outputs are written
	 * @return the description
	 */
	public static OpensslRevocation of(CertificateAuthority ca, Path directory) {
		return new OpensslRevocation(ca, directory);
	}

	/**
	 * Lists certificates as valid.
	 * @param certificates the certificates
	 * @return this description
	 */
	public OpensslRevocation good(IssuedCertificate... certificates) {
		for (IssuedCertificate certificate : certificates) {
			this.entries.put(certificate.certificate(), false);
		}
		return this;
	}

	/**
	 * Lists certificates as revoked.
	 * @param certificates the certificates
	 * @return this description
	 */
	public OpensslRevocation revoked(IssuedCertificate... certificates) {
		for (IssuedCertificate certificate : certificates) {
			this.entries.put(certificate.certificate(), true);
		}
		return this;
	}

	/**
	 * Signs OCSP responses with another certificate and key than the CA's: a delegated
	 * responder (with the OCSPSigning extended key usage), or a wrong key for negative
	 * tests.
	 * @param signer the signer
	 * @return this description
	 */
	public OpensslRevocation responderSigner(IssuedCertificate signer) {
		this.signer = signer;
		return this;
	}

	/**
	 * Runs {@code openssl ca -gencrl} and returns the PEM CRL it wrote.
	 * @return the CRL file
	 */
	public Path generateCrl() {
		try {
			Path index = writeDatabase();
			Path config = Files.writeString(this.directory.resolve("openssl-ca.cnf"),
					"[ ca ]\ndefault_ca = test_ca\n[ test_ca ]\ndatabase = " + index + "\ncrlnumber = "
							+ Files.writeString(this.directory.resolve("crlnumber"), "01\n") + "\ndefault_md = sha256\n"
							+ "default_crl_days = 7\n");
			Path crl = this.directory.resolve("ca.crl");
			run(List.of("openssl", "ca", "-gencrl", "-batch", "-config", config.toString(), "-keyfile",
					this.ca.writePrivateKeyPem(this.directory.resolve("ca.key")).toString(), "-cert",
					this.ca.writeCertificatePem(this.directory.resolve("ca.crt")).toString(), "-out", crl.toString()));
			return crl;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts {@code openssl ocsp} as a responder on a free loopback port; answers carry a
	 * nextUpdate five minutes ahead.
	 * @return the running responder; close it to stop the process
	 */
	public Responder startResponder() {
		try {
			Path index = writeDatabase();
			Path caCertificate = this.ca.writeCertificatePem(this.directory.resolve("ca.crt"));
			Path signerCertificate = Files.writeString(this.directory.resolve("ocsp-signer.crt"),
					this.signer.certificatePem());
			Path signerKey = this.signer.writePrivateKeyPem(this.directory.resolve("ocsp-signer.key"));
			int port = freePort();
			Path log = this.directory.resolve("ocsp-" + port + ".log");
			Process process = new ProcessBuilder("openssl", "ocsp", "-port", String.valueOf(port), "-index",
					index.toString(), "-CA", caCertificate.toString(), "-rsigner", signerCertificate.toString(),
					"-rkey", signerKey.toString(), "-nmin", "5", "-timeout", "5", "-ignore_err")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Responder responder = new Responder(process, port, log);
			responder.awaitListening();
			return responder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path writeDatabase() throws IOException {
		Files.createDirectories(this.directory);
		StringBuilder index = new StringBuilder();
		String now = UTC_TIME.format(java.time.Instant.now().minusSeconds(60));
		for (Map.Entry<X509Certificate, Boolean> entry : this.entries.entrySet()) {
			X509Certificate certificate = entry.getKey();
			String serial = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
			if (serial.length() % 2 == 1) {
				serial = "0" + serial;
			}
			index.append(entry.getValue() ? "R" : "V")
				.append('\t')
				.append(UTC_TIME.format(certificate.getNotAfter().toInstant()))
				.append('\t')
				.append(entry.getValue() ? now : "")
				.append('\t')
				.append(serial)
				.append("\tunknown\t/CN=")
				.append(serial)
				.append('\n');
		}
		Files.writeString(this.directory.resolve("index.txt.attr"), "unique_subject = no\n");
		return Files.writeString(this.directory.resolve("index.txt"), index);
	}

	private static void run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Returns a loopback port nothing listens on (for a responder that is down).
	 * @return the port
	 */
	public static int freePort() {
		return LoopbackPorts.free();
	}

	/**
	 * A running {@code openssl ocsp} process.
	 */
	public static final class Responder implements AutoCloseable {

		private final Process process;

		private final int port;

		private final Path log;

		Responder(Process process, int port, Path log) {
			this.process = process;
			this.port = port;
			this.log = log;
		}

		/**
		 * Returns the responder's URL.
		 * @return the URL
		 */
		public URI uri() {
			return URI.create("http://127.0.0.1:" + this.port);
		}

		/**
		 * Returns the process id, to stop it from outside.
		 * @return the pid
		 */
		public long pid() {
			return this.process.pid();
		}

		/**
		 * Returns what the responder printed.
		 * @return the log
		 */
		public String log() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				return ex.toString();
			}
		}

		void awaitListening() {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("openssl ocsp exited: " + log());
				}
				// a probing connection would hang the single-threaded responder: read its
				// log
				if (log().contains("waiting for OCSP client connections")) {
					return;
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			close();
			throw new IllegalStateException("openssl ocsp did not listen on port " + this.port + ": " + log());
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
