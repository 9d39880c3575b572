package io.mtls.boot.test.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.test.junit.ExternalTools;

/**
 * Certificates made the way an operator makes them: with the {@code openssl} command line
 * (P-256 keys, extensions from an extension file), not with the project's own PKI code.
 */
public final class OpensslPki {

	private static final String CA_EXTENSIONS = "basicConstraints=critical,CA:TRUE\n"
			+ "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";

	private final Path directory;

	/**
	 * Creates a PKI writing its files into a directory.
	 * @param directory where keys and certificates go
	 */
	public OpensslPki(Path directory) {
		this.directory = directory;
	}

	/**
	 * Makes a self-signed root CA.
	 * @param name the file name stem
	 * @param subject the subject, in openssl's {@code /O=.../CN=...} form
	 * @return the certificate file ({@code name.crt}, key {@code name.key})
	 */
	public Path root(String name, String subject) {
		run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				file(name + ".key"), "-out", file(name + ".crt"), "-subj", subject, "-days", "30", "-extensions",
				"v3_ca", "-config",
				write(name + ".cnf", "[req]\ndistinguished_name=dn\n[dn]\n[v3_ca]\n" + CA_EXTENSIONS).toString());
		return this.directory.resolve(name + ".crt");
	}

	/**
	 * Makes an intermediate CA signed by another CA.
	 * @param name the file name stem
	 * @param subject the subject
	 * @param issuer the issuing CA's file name stem
	 * @return the certificate file
	 */
	public Path intermediate(String name, String subject, String issuer) {
		return sign(name, subject, issuer, CA_EXTENSIONS);
	}

	/**
	 * Makes a TLS server certificate for localhost and 127.0.0.1.
	 * @param name the file name stem
	 * @param issuer the issuing CA's file name stem
	 * @return the certificate file
	 */
	public Path server(String name, String issuer) {
		return sign(name, "/CN=localhost", issuer,
				"basicConstraints=critical,CA:FALSE\n"
						+ "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
						+ "subjectAltName=DNS:localhost,IP:127.0.0.1\nauthorityKeyIdentifier=keyid\n");
	}

	/**
	 * Makes a TLS client certificate.
	 * @param name the file name stem
	 * @param subject the subject
	 * @param issuer the issuing CA's file name stem
	 * @param subjectAltName an openssl {@code subjectAltName} value, or {@code null}
	 * @return the certificate file
	 */
	public Path client(String name, String subject, String issuer, String subjectAltName) {
		String extensions = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
				+ "extendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n"
				+ ((subjectAltName != null) ? "subjectAltName=" + subjectAltName + "\n" : "");
		return sign(name, subject, issuer, extensions);
	}

	/**
	 * Concatenates certificate files into one PEM file, in the given order.
	 * @param name the file name
	 * @param certificates the certificate files
	 * @return the written file
	 */
	public Path bundle(String name, Path... certificates) {
		StringBuilder pem = new StringBuilder();
		for (Path certificate : certificates) {
			pem.append(read(certificate));
		}
		return write(name, pem.toString());
	}

	public Path key(String name) {
		return this.directory.resolve(name + ".key");
	}

	/**
	 * Returns the command-line arguments that serve a server certificate of this PKI with
	 * client certificates trusted up to one of its roots.
	 * @param server the server's file name stem
	 * @param trust the trusted root's file name stem
	 * @return the {@code --mtls.server.*} arguments
	 */
	public List<String> serverArguments(String server, String trust) {
		return List.of("--mtls.server.certificate=" + file(server + ".crt"),
				"--mtls.server.private-key=" + file(server + ".key"), "--mtls.server.trust=" + file(trust + ".crt"));
	}

	private Path sign(String name, String subject, String issuer, String extensions) {
		run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				file(name + ".key"), "-out", file(name + ".csr"), "-subj", subject);
		run("x509", "-req", "-in", file(name + ".csr"), "-CA", file(issuer + ".crt"), "-CAkey", file(issuer + ".key"),
				"-set_serial", "0x" + Long.toHexString(System.nanoTime()), "-days", "30", "-out", file(name + ".crt"),
				"-extfile", write(name + ".ext", extensions).toString());
		return this.directory.resolve(name + ".crt");
	}

	private String file(String name) {
		return this.directory.resolve(name).toString();
	}

	private Path write(String name, String content) {
		try {
			return Files.writeString(this.directory.resolve(name), content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void run(String... arguments) {
		List<String> command = new ArrayList<>(List.of(ExternalTools.require("openssl").toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
