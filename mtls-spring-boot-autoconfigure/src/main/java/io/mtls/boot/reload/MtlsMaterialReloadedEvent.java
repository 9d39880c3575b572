package io.mtls.boot.reload;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.ServerMaterial;

/**
 * Published after the server started serving new key or trust material, so applications
 * can react, for example by re-creating outbound clients that use the same certificate.
 */
public class MtlsMaterialReloadedEvent extends MtlsReloadEvent {

	private final ServerMaterial previous;

	private final ServerMaterial current;

	/**
	 * Creates a new event.
	 * @param source the reloader
	 * @param previous the material served until now
	 * @param current the material served from now on
	 */
	public MtlsMaterialReloadedEvent(Object source, ServerMaterial previous, ServerMaterial current) {
		super(source);
		this.previous = previous;
		this.current = current;
	}

	/**
	 * Returns the material served until the reload.
	 * @return the previous material
	 */
	public ServerMaterial getPrevious() {
		return this.previous;
	}

	/**
	 * Returns the material served from now on.
	 * @return the current material
	 */
	public ServerMaterial getCurrent() {
		return this.current;
	}

	/**
	 * Returns the server certificate served until the reload.
	 * @return the previous leaf certificate
	 */
	public X509Certificate getPreviousCertificate() {
		return this.previous.key().certificate();
	}

	/**
	 * Returns the server certificate served from now on.
	 * @return the current leaf certificate
	 */
	public X509Certificate getCurrentCertificate() {
		return this.current.key().certificate();
	}

	/**
	 * Returns the trusted CA certificates from now on.
	 * @return the trusted certificates, empty when clients are not verified
	 */
	public List<X509Certificate> getCurrentTrust() {
		return (this.current.trust() != null) ? this.current.trust().certificates() : List.of();
	}

}
