package io.mtls.boot.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Loads key and trust material from PEM files, PEM directories and PKCS12/JKS key stores,
 * turning every failure into an {@link InvalidMaterialException} that names the property
 * and the fix.
 */
public final class MaterialLoader {

	private static final List<String> PEM_EXTENSIONS = List.of(".pem", ".crt", ".cer");

	private MaterialLoader() {
	}

	/**
	 * Loads a key and its chain from PEM files.
	 * @param certificate the certificate chain file (leaf first)
	 * @param privateKey the private key file
	 * @param password the key password or {@code null}
	 * @param passwordProperty the property holding the password, for messages
	 * @return the key material
	 */
	public static KeyMaterial pem(MaterialSource certificate, MaterialSource privateKey, char @Nullable [] password,
			String passwordProperty) {
		List<X509Certificate> chain = PemDecoder.certificates(certificate);
		PrivateKey key = PemDecoder.privateKey(privateKey, password, passwordProperty);
		return new KeyMaterial(key, chain, privateKey);
	}

	/**
	 * Loads the key entry of a PKCS12 or JKS key store; the key password is the store
	 * password.
	 * @param source the key store file
	 * @param type the key store type
	 * @param password the store password
	 * @param passwordProperty the property holding the password, for messages
	 * @param typeProperty the property holding the type, for messages
	 * @return the key material
	 */
	public static KeyMaterial keyStore(MaterialSource source, String type, char @Nullable [] password,
			String passwordProperty, String typeProperty) {
		KeyStore store = load(source, type, password, passwordProperty, typeProperty);
		return keyEntry(store, password, source, passwordProperty);
	}

	/**
	 * Extracts the key entry of an already loaded key store, such as one from a Spring
	 * Boot SSL bundle.
	 * @param store the key store
	 * @param keyPassword the key password or {@code null}
	 * @param source describes where the store came from, for messages
	 * @param passwordProperty the property holding the password, for messages
	 * @return the key material
	 */
	public static KeyMaterial keyEntry(KeyStore store, char @Nullable [] keyPassword, MaterialSource source,
			String passwordProperty) {
		try {
			for (String alias : Collections.list(store.aliases())) {
				if (store.isKeyEntry(alias)) {
					Key key = store.getKey(alias, (keyPassword != null) ? keyPassword : new char[0]);
					if (key instanceof PrivateKey privateKey) {
						Certificate[] chain = store.getCertificateChain(alias);
						return new KeyMaterial(privateKey, x509(Arrays.asList(chain)), source);
					}
				}
			}
		}
		catch (UnrecoverableKeyException ex) {
			throw new InvalidMaterialException(source, "the private key cannot be recovered: wrong key password",
					"Set '" + passwordProperty + "' to the password that protects the key entry.", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidMaterialException(source, "cannot be read (" + ex.getMessage() + ")",
					"Check that '" + source.property() + "' names a valid key store.", ex);
		}
		throw new InvalidMaterialException(source, "holds no private key entry",
				"Use a key store that contains the server's private key and certificate chain.");
	}

	/**
	 * Loads every certificate from PEM files or directories of PEM files. Directories
	 * contribute their non-hidden {@code .pem}, {@code .crt} and {@code .cer} files.
	 * @param property the property naming the locations
	 * @param sources the files or directories
	 * @return the trust material
	 */
	public static TrustMaterial trust(String property, List<MaterialSource> sources) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (MaterialSource source : sources) {
			for (MaterialSource file : expand(source)) {
				certificates.addAll(PemDecoder.certificates(file));
			}
		}
		String locations = sources.stream().map(MaterialSource::location).collect(Collectors.joining(", "));
		return new TrustMaterial(certificates, MaterialSource.loadedElsewhere(property, locations));
	}

	/**
	 * Loads every certificate entry of a PKCS12 or JKS trust store.
	 * @param source the trust store file
	 * @param type the store type
	 * @param password the store password or {@code null}
	 * @param passwordProperty the property holding the password, for messages
	 * @param typeProperty the property holding the type, for messages
	 * @return the trust material
	 */
	public static TrustMaterial trustStore(MaterialSource source, String type, char @Nullable [] password,
			String passwordProperty, String typeProperty) {
		return trustEntries(load(source, type, password, passwordProperty, typeProperty), source);
	}

	/**
	 * Extracts the certificates of an already loaded trust store.
	 * @param store the trust store
	 * @param source describes where the store came from, for messages
	 * @return the trust material
	 */
	public static TrustMaterial trustEntries(KeyStore store, MaterialSource source) {
		List<Certificate> certificates = new ArrayList<>();
		try {
			for (String alias : Collections.list(store.aliases())) {
				if (store.isCertificateEntry(alias)) {
					certificates.add(store.getCertificate(alias));
				}
			}
		}
		catch (KeyStoreException ex) {
			throw new InvalidMaterialException(source, "cannot be read (" + ex.getMessage() + ")",
					"Check that '" + source.property() + "' names a valid trust store.", ex);
		}
		if (certificates.isEmpty()) {
			throw new InvalidMaterialException(source, "holds no trusted certificate entry",
					"Import the client CA certificate into the trust store.");
		}
		return new TrustMaterial(x509(certificates), source);
	}

	private static List<MaterialSource> expand(MaterialSource source) {
		Path path = source.path();
		if (path == null || !Files.isDirectory(path)) {
			return List.of(source);
		}
		List<MaterialSource> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!name.startsWith(".") && Files.isRegularFile(entry)
						&& PEM_EXTENSIONS.stream().anyMatch(name::endsWith)) {
					files.add(MaterialSource.ofPath(source.property(), entry));
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidMaterialException(source, "directory cannot be listed (" + ex.getMessage() + ")",
					"Grant the application's user read access to the directory.", ex);
		}
		if (files.isEmpty()) {
			throw new InvalidMaterialException(source, "directory holds no .pem, .crt or .cer file",
					"Put the CA certificates in the directory as PEM files, or name the files directly.");
		}
		files.sort((a, b) -> a.location().compareTo(b.location()));
		return files;
	}

	private static KeyStore load(MaterialSource source, String type, char @Nullable [] password,
			String passwordProperty, String typeProperty) {
		byte[] content = source.read();
		KeyStore store;
		try {
			store = KeyStore.getInstance(type);
		}
		catch (KeyStoreException ex) {
			throw new InvalidMaterialException(source, "key store type '" + type + "' is not supported",
					"Set '" + typeProperty + "' to PKCS12 or JKS.", ex);
		}
		try {
			store.load(new ByteArrayInputStream(content), password);
			return store;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				String problem = (password == null || password.length == 0)
						? "the key store needs a password but none is set" : "wrong key store password";
				throw new InvalidMaterialException(source, problem,
						"Set '" + passwordProperty + "' to the key store's password.", ex);
			}
			throw new InvalidMaterialException(source, "is not a " + type + " key store (" + ex.getMessage() + ")",
					"Point '" + source.property() + "' at a " + type + " file, or set '" + typeProperty
							+ "' to the file's real type (PKCS12 or JKS).",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidMaterialException(source, "cannot be loaded (" + ex.getMessage() + ")",
					"Check that '" + source.property() + "' names a valid " + type + " key store.", ex);
		}
	}

	private static List<X509Certificate> x509(List<Certificate> certificates) {
		return certificates.stream().map(X509Certificate.class::cast).toList();
	}

}
