package io.mtls.boot.server;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.tls.ClientCertificateListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs every client certificate the TLS handshake rejects, with its reason, so operators
 * see why a client could not connect.
 */
public class LoggingClientCertificateListener implements ClientCertificateListener {

	private static final Log logger = LogFactory.getLog(LoggingClientCertificateListener.class);

	@Override
	public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
		logger.warn("TLS handshake refused (reason: " + reason.code() + "): " + detail);
	}

}
