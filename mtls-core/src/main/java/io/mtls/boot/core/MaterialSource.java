package io.mtls.boot.core;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where a piece of key or trust material comes from: the property that named it, its
 * location as the user wrote it, and how to read it.
 */
public final class MaterialSource {

	private final String property;

	private final String location;

	private final @Nullable Path path;

	private final ContentReader reader;

	private MaterialSource(String property, String location, @Nullable Path path, ContentReader reader) {
		this.property = property;
		this.location = location;
		this.path = path;
		this.reader = reader;
	}

	/**
	 * Creates a source backed by a file system path.
	 * @param property the property that names the material
	 * @param path the file or directory
	 * @return the source
	 */
	public static MaterialSource ofPath(String property, Path path) {
		return new MaterialSource(property, path.toString(), path, () -> Files.readAllBytes(path));
	}

	/**
	 * Creates a source for a location that is not a plain file, such as a classpath
	 * resource.
	 * @param property the property that names the material
	 * @param location the location as configured
	 * @param reader reads the content
	 * @return the source
	 */
	public static MaterialSource of(String property, String location, ContentReader reader) {
		return new MaterialSource(property, location, null, reader);
	}

	/**
	 * Creates a source that only describes material read through other sources, such as a
	 * whole trust directory or an SSL bundle; it cannot be read itself.
	 * @param property the property that names the material
	 * @param location the location as configured
	 * @return the source
	 */
	public static MaterialSource loadedElsewhere(String property, String location) {
		return new MaterialSource(property, location, null, () -> {
			throw new IllegalStateException(property + " (" + location + ") is read through other sources");
		});
	}

	/**
	 * Returns the property that names this material, for example
	 * {@code mtls.server.certificate}.
	 * @return the property name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Returns the location as the user configured it.
	 * @return the location
	 */
	public String location() {
		return this.location;
	}

	/**
	 * Returns the file system path behind this source, or {@code null} when it is not a
	 * file.
	 * @return the path or {@code null}
	 */
	public @Nullable Path path() {
		return this.path;
	}

	/**
	 * Returns a source for a file inside this source's directory, named after the same
	 * property.
	 * @param fileName the file name
	 * @return the source for the file
	 */
	public MaterialSource resolve(String fileName) {
		if (this.path == null) {
			throw new IllegalStateException(describe() + " is not a directory on the file system");
		}
		return ofPath(this.property, this.path.resolve(fileName));
	}

	/**
	 * Reads the whole content.
	 * @return the bytes
	 * @throws InvalidMaterialException if the content is missing or unreadable
	 */
	public byte[] read() {
		try {
			return this.reader.read();
		}
		catch (NoSuchFileException | FileNotFoundException ex) {
			throw new InvalidMaterialException(this, "file does not exist",
					"Check the path in '" + this.property + "' or create the file.", ex);
		}
		catch (AccessDeniedException ex) {
			throw new InvalidMaterialException(this, "file is not readable by this process",
					"Grant the application's user read access to the file named by '" + this.property + "'.", ex);
		}
		catch (IOException ex) {
			throw new InvalidMaterialException(this, "cannot be read (" + ex.getMessage() + ")",
					"Check that '" + this.property + "' names a readable file.", ex);
		}
	}

	/**
	 * Returns the property and location, as used at the start of error messages.
	 * @return the description
	 */
	public String describe() {
		return "'" + this.property + "' (" + this.location + ")";
	}

	@Override
	public String toString() {
		return describe();
	}

	/**
	 * Reads the content of a source.
	 */
	@FunctionalInterface
	public interface ContentReader {

		/**
		 * Reads all bytes.
		 * @return the content
		 * @throws IOException on failure
		 */
		byte[] read() throws IOException;

	}

}
