package io.mtls.boot.reload;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the events a reload of the server's key and trust material publishes.
 */
public abstract class MtlsReloadEvent extends ApplicationEvent {

	protected MtlsReloadEvent(Object source) {
		super(source);
	}

}
