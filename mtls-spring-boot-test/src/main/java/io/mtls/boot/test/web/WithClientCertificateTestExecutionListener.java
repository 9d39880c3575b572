package io.mtls.boot.test.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Issues the certificate of a test's {@link WithClientCertificate} before the test method
 * and drops it after; {@link MtlsMockMvc#withClientCertificates()} attaches it to the
 * test thread's MockMvc requests. Registered for every Spring test through
 * {@code META-INF/spring.factories}; does nothing for tests without the annotation.
 */
public class WithClientCertificateTestExecutionListener extends AbstractTestExecutionListener {

	// MockMvc runs requests on the test's thread, as spring-security-test relies on too
	private static final ThreadLocal<IssuedCertificate> CURRENT = new ThreadLocal<>();

	private static final Map<String, CertificateAuthority> AUTHORITIES = new ConcurrentHashMap<>();

	/**
	 * Runs after Spring Security's {@code WithSecurityContextTestExecutionListener}.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return 10_100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		WithClientCertificate annotation = AnnotatedElementUtils.findMergedAnnotation(testContext.getTestMethod(),
				WithClientCertificate.class);
		if (annotation == null) {
			annotation = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
					WithClientCertificate.class);
		}
		if (annotation != null) {
			CURRENT.set(issue(annotation));
		}
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		CURRENT.remove();
	}

	static IssuedCertificate current() {
		return CURRENT.get();
	}

	private static IssuedCertificate issue(WithClientCertificate annotation) {
		CertificateAuthority authority = AUTHORITIES.computeIfAbsent(annotation.issuer(),
				(issuer) -> TestPki.rootCa(issuer).issue());
		return authority.client(annotation.subject())
			.dns(annotation.sanDns())
			.uri(annotation.sanUri())
			.email(annotation.sanEmail())
			.ip(annotation.sanIp())
			.issue();
	}

}
