package io.mtls.boot.dev;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs a ready-to-paste curl command per development client once the server listens, so a
 * developer can call the service from any directory.
 */
public class DevPkiCurlLogger implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(DevPkiCurlLogger.class);

	private final DevPki devPki;

	private final String path;

	/**
	 * Creates a logger for the given PKI.
	 * @param devPki the dev PKI
	 * @param path the URL path to put in the commands
	 */
	public DevPkiCurlLogger(DevPki devPki, String path) {
		this.devPki = devPki;
		this.path = path.startsWith("/") ? path : "/" + path;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!this.devPki.isInUse() || event.getApplicationContext().getServerNamespace() != null) {
			return;
		}
		DevPkiFiles files = this.devPki.files();
		String url = "https://localhost:" + event.getWebServer().getPort() + this.path;
		StringBuilder message = new StringBuilder("mtls dev PKI: call this service as one of its dev clients:");
		for (DevPkiFiles.Client client : files.clients()) {
			message.append(System.lineSeparator())
				.append("  ")
				.append(client.name())
				.append(": ")
				.append(client.curlCommand(files.caCertificate(), url));
		}
		message.append(System.lineSeparator())
			.append("  Browsers: import a client's .p12 from ")
			.append(files.directory())
			.append(" (password '" + DevPki.PKCS12_PASSWORD + "') and trust ")
			.append(files.caCertificate());
		logger.info(message);
	}

}
