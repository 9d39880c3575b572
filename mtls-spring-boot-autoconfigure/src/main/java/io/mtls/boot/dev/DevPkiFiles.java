package io.mtls.boot.dev;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of a development PKI, all absolute paths.
 *
 * @param directory the directory holding everything
 * @param caCertificate the dev root CA certificate (PEM)
 * @param serverCertificate the {@code localhost} server certificate chain (PEM)
 * @param serverPrivateKey the server private key (PKCS#8 PEM)
 * @param clients the client identities
 */
public record DevPkiFiles(Path directory, Path caCertificate, Path serverCertificate, Path serverPrivateKey,
		List<Client> clients) {

	/**
	 * Creates the files description, copying the client list.
	 */
	public DevPkiFiles {
		clients = List.copyOf(clients);
	}

	/**
	 * One development client identity.
	 *
	 * @param name short name, also the file name stem
	 * @param subject the certificate subject DN
	 * @param certificate the client certificate (PEM)
	 * @param privateKey the client private key (PKCS#8 PEM)
	 * @param pkcs12 the certificate and key as PKCS12 for browsers, protected by
	 * {@link DevPki#PKCS12_PASSWORD}
	 */
	public record Client(String name, String subject, Path certificate, Path privateKey, Path pkcs12) {

		/**
		 * Returns a curl command that calls the given URL as this client.
		 * @param caCertificate the CA to verify the server with
		 * @param url the URL
		 * @return the command line
		 */
		public String curlCommand(Path caCertificate, String url) {
			return "curl --cacert " + caCertificate + " --cert " + this.certificate + " --key " + this.privateKey + " "
					+ url;
		}

	}

}
