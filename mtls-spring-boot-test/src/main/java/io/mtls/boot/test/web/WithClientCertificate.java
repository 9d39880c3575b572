package io.mtls.boot.test.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes every MockMvc request of the annotated test method (or of every method of the
 * annotated class) carry a client certificate with this subject and these SANs, issued at
 * test time by a test CA named {@link #issuer()}. The certificate is attached as the
 * servlet container attaches a verified one, so the application's real authentication
 * filter, authority rules and access rules decide: nothing about the authentication is
 * mocked.
 * <p>
 * Works with the {@code MockMvc} of {@code @AutoConfigureMockMvc} as is, and with a
 * hand-built one through {@link MtlsMockMvc#withClientCertificates()}. A certificate
 * attached explicitly with {@link MtlsMockMvc#clientCertificate} wins over this one.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface WithClientCertificate {

	/**
	 * The RFC 4514 subject, such as {@code CN=alice,OU=ops,O=Example}.
	 * @return the subject
	 */
	String subject();

	/**
	 * DNS name SANs.
	 * @return the DNS names
	 */
	String[] sanDns() default {};

	/**
	 * URI SANs, such as a SPIFFE ID {@code spiffe://example.org/ns/ops/sa/api}.
	 * @return the URIs
	 */
	String[] sanUri() default {};

	/**
	 * Email address SANs.
	 * @return the email addresses
	 */
	String[] sanEmail() default {};

	/**
	 * IP address SANs.
	 * @return the IP addresses
	 */
	String[] sanIp() default {};

	/**
	 * The subject of the test CA that issues the certificate; one CA per distinct
	 * subject, so {@code issuer} rules can be tested.
	 * @return the issuer subject
	 */
	String issuer() default "CN=mtls-spring-boot test CA";

}
