package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.MtlsStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why mTLS stopped the application from starting and what to change: invalid
 * settings ({@link io.mtls.boot.core.InvalidMtlsConfigurationException}) or unusable
 * material ({@link io.mtls.boot.core.InvalidMaterialException}).
 */
class MtlsStartupFailureAnalyzer extends AbstractFailureAnalyzer<MtlsStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MtlsStartupException cause) {
		return new FailureAnalysis("mTLS cannot start: " + cause.getDescription(), cause.getAction(), cause);
	}

}
