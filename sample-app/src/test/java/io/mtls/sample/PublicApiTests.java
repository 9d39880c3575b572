package io.mtls.sample;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.tls.ServerCertificateRejectedException;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sample shows what a user writes, so its main code uses only the starter's public
 * API: public types of the packages the README documents (client identities, Spring
 * Security integration, reload events, actuator, outbound clients) and the rejection
 * reasons an outbound call can fail with. Its tests may reach further.
 */
class PublicApiTests {

	private static final JavaClasses SAMPLE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.mtls.sample");

	@Test
	void mainCodeUsesOnlyPublicApi() {
		noClasses().that()
			.resideInAPackage("io.mtls.sample..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.mtls.boot..").and(
					not(resideInAnyPackage("io.mtls.boot.core.identity", "io.mtls.boot.security", "io.mtls.boot.reload",
							"io.mtls.boot.actuate", "io.mtls.boot.client")
						.and(modifier(JavaModifier.PUBLIC))
						.or(belongToAnyOf(RejectionReason.class, ServerCertificateRejectedException.class)))))
			.because("the sample is what users copy: no auto-configuration, properties, server adapter, dev PKI or "
					+ "core internals")
			.check(SAMPLE);
	}

}
