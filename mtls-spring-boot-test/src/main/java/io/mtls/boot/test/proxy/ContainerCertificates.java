package io.mtls.boot.test.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * Copies certificates issued by the test PKI into any container before it starts, so a
 * containerised client, server or proxy can present them or trust them.
 * <p>
 * For {@code copy(container, "/etc/tls/alice", alice, password)} the container gets
 * {@code /etc/tls/alice/tls.crt} (the chain, PEM), {@code tls.key} (PKCS#8 PEM),
 * {@code ca.crt} (the root, PEM) and {@code keystore.p12} (PKCS#12, alias
 * {@value IssuedCertificate#KEY_STORE_ALIAS}).
 */
public final class ContainerCertificates {

	private ContainerCertificates() {
	}

	/**
	 * Copies a certificate, its key and its root into a directory of the container.
	 * @param container the container, not started yet
	 * @param directory an absolute directory in the container
	 * @param certificate the certificate to copy
	 * @param password the PKCS#12 password
	 * @return the container
	 */
	public static GenericContainer<?> copy(GenericContainer<?> container, String directory,
			IssuedCertificate certificate, char[] password) {
		String base = directory.endsWith("/") ? directory : directory + "/";
		container.withCopyToContainer(Transferable.of(certificate.chainPem()), base + "tls.crt");
		container.withCopyToContainer(Transferable.of(certificate.privateKeyPem(), 0600), base + "tls.key");
		container.withCopyToContainer(Transferable.of(Pem.encode(certificate.root())), base + "ca.crt");
		container.withCopyToContainer(Transferable.of(pkcs12(certificate, password), 0600), base + "keystore.p12");
		return container;
	}

	private static byte[] pkcs12(IssuedCertificate certificate, char[] password) {
		KeyStore keyStore = certificate.toKeyStore("PKCS12", password);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			keyStore.store(out, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot write the PKCS#12 store of " + certificate, ex);
		}
		return out.toByteArray();
	}

}
