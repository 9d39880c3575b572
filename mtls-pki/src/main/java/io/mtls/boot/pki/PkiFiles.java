package io.mtls.boot.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Writes PKI material to files, creating missing parent directories.
 */
final class PkiFiles {

	private PkiFiles() {
	}

	/**
	 * Writes text (PEM) to a file, replacing it, and returns the file.
	 */
	static Path writeString(Path file, String content) {
		try {
			createParentDirectories(file);
			return Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/**
	 * Stores a key store to a file, protected by the password, and returns the file.
	 */
	static Path writeKeyStore(Path file, KeyStore keyStore, char[] password) {
		try {
			createParentDirectories(file);
			try (OutputStream out = Files.newOutputStream(file)) {
				keyStore.store(out, password);
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store the " + keyStore.getType() + " key store " + file, ex);
		}
	}

	private static void createParentDirectories(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
	}

}
