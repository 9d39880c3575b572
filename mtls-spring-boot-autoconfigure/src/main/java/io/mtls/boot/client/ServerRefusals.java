package io.mtls.boot.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.mtls.boot.core.RejectionReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes outbound calls that the called server refused because of this service's
 * certificate, and reports them ({@link RejectionReason#REFUSED_BY_SERVER}) to the
 * listeners, such as the {@code mtls.client.handshake} meter. Two signs are recognized: a
 * TLS alert about the certificate (what JSSE, Go, Envoy and OpenSSL-based servers send:
 * {@code bad_certificate}, {@code unknown_ca}, {@code certificate_expired} and the like),
 * seen by the client as an {@link SSLException} "Received fatal alert: ..." from JSSE or
 * "..._ALERT_CERTIFICATE_UNKNOWN" from a BoringSSL/OpenSSL engine (netty-tcnative), and
 * nginx's 400 answers "The SSL certificate error" and "No required SSL certificate was
 * sent" (nginx completes the handshake and refuses at the HTTP level).
 */
public final class ServerRefusals {

	private static final Log logger = LogFactory.getLog(ServerRefusals.class);

	private static final String ALERT = "Received fatal alert: ";

	// how BoringSSL and OpenSSL name a received alert, such as
	// SSLV3_ALERT_BAD_CERTIFICATE
	private static final Pattern NATIVE_ALERT = Pattern.compile("(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z_]+)");

	private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
			"certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied",
			"certificate_required");

	private static final List<String> NGINX_ANSWERS = List.of("The SSL certificate error",
			"No required SSL certificate was sent");

	/** Refusals that are not reported anywhere. */
	public static final ServerRefusals NONE = new ServerRefusals(List.of());

	private final List<Listener> listeners;

	/**
	 * Creates the reporter.
	 * @param listeners told about each refusal
	 */
	public ServerRefusals(List<Listener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Reports the failure of a call if it is a refusal of this service's certificate.
	 * @param uri the URI called
	 * @param failure how the call failed
	 * @return whether it was a refusal
	 */
	public boolean failed(URI uri, Throwable failure) {
		String alert = certificateAlert(failure);
		if (alert == null) {
			return false;
		}
		refused(uri, "TLS alert " + alert);
		return true;
	}

	/**
	 * Reports a 400 response if its body is nginx's answer to a refused client
	 * certificate.
	 * @param uri the URI called
	 * @param body the start of the response body
	 * @return whether it was a refusal
	 */
	public boolean badRequest(URI uri, String body) {
		for (String answer : NGINX_ANSWERS) {
			if (body.contains(answer)) {
				refused(uri, "400 '" + answer + "'");
				return true;
			}
		}
		return false;
	}

	private void refused(URI uri, String detail) {
		String message = "mTLS outbound call to '" + uri.getHost() + "' refused by the called server ["
				+ RejectionReason.REFUSED_BY_SERVER.code() + "]: " + detail
				+ "; check that it trusts the CA of the certificate presented and that it is valid";
		logger.warn(message);
		this.listeners.forEach((listener) -> listener.refused(RejectionReason.REFUSED_BY_SERVER, message));
	}

	/**
	 * Returns the TLS alert about this service's certificate that the failure carries.
	 * @param failure the failure
	 * @return the alert's name, or {@code null}
	 */
	static @Nullable String certificateAlert(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = cause.getMessage();
			if (cause instanceof SSLException && message != null) {
				int at = message.indexOf(ALERT);
				Matcher nativeAlert = NATIVE_ALERT.matcher(message);
				String alert = (at >= 0) ? message.substring(at + ALERT.length()).trim()
						: nativeAlert.find() ? nativeAlert.group(1) : null;
				if (alert != null) {
					String name = alert.toLowerCase(Locale.ROOT);
					return CERTIFICATE_ALERTS.contains(name) ? name : null;
				}
			}
		}
		return null;
	}

	/**
	 * Told about outbound calls the called server refused.
	 */
	public interface Listener {

		/**
		 * Called when the called server refused this service's certificate.
		 * @param reason why ({@link RejectionReason#REFUSED_BY_SERVER})
		 * @param detail what happened, for humans
		 */
		void refused(RejectionReason reason, String detail);

	}

}
