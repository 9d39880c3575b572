package io.mtls.boot;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direction data and dependencies flow in, enforced: files → material → handshake →
 * identity → authorities → observation. The framework-free core ({@code mtls-core}) is
 * used by the server adapters, reload, security and actuate, which are wired by the
 * auto-configurations; nothing points back. Checks the main code of {@code mtls-core},
 * {@code mtls-pki} and this module (not tests, not the test-support module).
 */
class LayeringTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(LayeringTests::isMainCode)
		.importPackages("io.mtls.boot");

	@Test
	void coreIsFrameworkFreeAndSelfContained() {
		noClasses().that()
			.resideInAPackage("io.mtls.boot.core..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.mtls.boot..").and(not(resideInAPackage("io.mtls.boot.core..")))
				.or(resideInAPackage("org.springframework..")))
			.because(
					"core is the framework-free bottom layer (mtls-core): Spring glue depends on it, never the reverse")
			.check(CLASSES);
	}

	@Test
	void adaptersDoNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage("io.mtls.boot.server..", "io.mtls.boot.security..", "io.mtls.boot.actuate..",
					"io.mtls.boot.reload..", "io.mtls.boot.dev..", "io.mtls.boot.client..")
			.should()
			.dependOnClassesThat(resideInAnyPackage("io.mtls.boot.autoconfigure.."))
			.because("auto-configurations wire the adapters; an adapter reaching back would tie it to one wiring "
					+ "(and its properties)")
			.check(CLASSES);
	}

	@Test
	void onlyTheDevPkiUsesThePkiModule() {
		noClasses().that()
			.resideOutsideOfPackages("io.mtls.boot.dev..", "io.mtls.boot.pki..")
			.should()
			.dependOnClassesThat(resideInAPackage("io.mtls.boot.pki.."))
			.because("mtls-pki is optional: only the dev PKI (behind @ConditionalOnClass) may touch it")
			.check(CLASSES);
	}

	@Test
	void noProductionCodeUsesTheTestSupportModule() {
		noClasses().should()
			.dependOnClassesThat(resideInAPackage("io.mtls.boot.test.."))
			.because("mtls-spring-boot-test is test support, not a runtime dependency")
			.check(CLASSES);
	}

	@Test
	void topLevelPackagesAreFreeOfCycles() {
		slices().matching("io.mtls.boot.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void everyPackageSaysWhatLivesThereAndWhatItMayUse() {
		assertThat(CLASSES.stream()
			.map(JavaClass::getPackage)
			.distinct()
			.filter((javaPackage) -> javaPackage.tryGetPackageInfo().isEmpty())
			.map(JavaPackage::getName)).as("packages without package-info.java").isEmpty();
	}

	@Test
	void everyPackageIsNullMarkedSoNullAwayChecksIt() {
		assertThat(CLASSES.stream()
			.map(JavaClass::getPackage)
			.distinct()
			.filter((javaPackage) -> javaPackage.tryGetPackageInfo()
				.filter((packageInfo) -> packageInfo.isAnnotatedWith(NullMarked.class))
				.isEmpty())
			.map(JavaPackage::getName)).as("packages whose package-info.java is not @NullMarked").isEmpty();
	}

	private static boolean isMainCode(Location location) {
		return !location.contains("-tests.jar") && !location.contains("mtls-spring-boot-test");
	}

}
