package io.mtls.boot.core.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of everything the material files contain right now (following symlinks, so a
 * Kubernetes {@code ..data} swap changes it), used to tell a real change from a spurious
 * file event and to avoid retrying the same broken content.
 */
public final class MaterialFingerprint {

	private MaterialFingerprint() {
	}

	/**
	 * Digests the given files, and the non-hidden regular files of the given directories.
	 * Missing or unreadable files contribute a marker, so their appearance is a change.
	 * @param paths the files and directories
	 * @return the hex digest
	 */
	public static String of(List<Path> paths) {
		MessageDigest digest = sha256();
		for (Path path : paths) {
			for (Path file : files(path)) {
				digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
				try {
					digest.update(Files.readAllBytes(file));
				}
				catch (IOException ex) {
					digest.update((byte) 0xff);
				}
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static List<Path> files(Path path) {
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
			for (Path entry : entries) {
				if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
					files.add(entry);
				}
			}
		}
		catch (IOException ex) {
			return List.of(path);
		}
		files.sort(null);
		return files;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK has no SHA-256", ex);
		}
	}

}
