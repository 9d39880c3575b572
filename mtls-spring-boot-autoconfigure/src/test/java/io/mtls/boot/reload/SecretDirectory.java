package io.mtls.boot.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

import io.mtls.boot.pki.IssuedCertificate;

/**
 * A directory laid out like a mounted Kubernetes secret: the visible files are symlinks
 * into {@code ..data}, itself a symlink to a timestamped directory, and an update swaps
 * {@code ..data} atomically, as the kubelet does.
 */
public final class SecretDirectory {

	private final Path directory;

	private final AtomicInteger versions = new AtomicInteger();

	public SecretDirectory(Path directory, IssuedCertificate initial) throws IOException {
		this.directory = directory;
		Path version = writeVersion(initial);
		Files.createSymbolicLink(directory.resolve("..data"), version.getFileName());
		for (String file : new String[] { "tls.crt", "tls.key", "ca.crt" }) {
			Files.createSymbolicLink(directory.resolve(file), Path.of("..data", file));
		}
	}

	public Path path() {
		return this.directory;
	}

	/**
	 * Swaps the secret's content to the given certificate, like a kubelet update.
	 */
	public void swap(IssuedCertificate certificate) throws IOException {
		Path previous = this.directory.resolve("..data").toRealPath();
		Path version = writeVersion(certificate);
		Path temporary = this.directory.resolve("..data_tmp");
		Files.createSymbolicLink(temporary, version.getFileName());
		Files.move(temporary, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		for (String file : new String[] { "tls.crt", "tls.key", "ca.crt" }) {
			Files.delete(previous.resolve(file));
		}
		Files.delete(previous);
	}

	private Path writeVersion(IssuedCertificate certificate) throws IOException {
		Path version = this.directory.resolve("..2026_11_24_v" + this.versions.incrementAndGet());
		certificate.writeKubernetesSecret(version);
		return version;
	}

}
