package io.mtls.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.stream.Stream;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.core.material.TrustSource;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.dev.DevPki;
import io.mtls.boot.server.MtlsWebServerFactoryCustomizer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.server.jetty.JettyMtlsCustomizer;
import io.mtls.boot.server.netty.NettyMtlsCustomizer;
import io.mtls.boot.server.tomcat.TomcatMtlsCustomizer;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.apache.catalina.startup.Tomcat;
import reactor.netty.http.server.HttpServer;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static io.mtls.boot.server.TestCertificates.CA_CERTIFICATE;
import static io.mtls.boot.server.TestCertificates.SERVER;
import static io.mtls.boot.server.TestCertificates.SERVER_CERTIFICATE;
import static io.mtls.boot.server.TestCertificates.SERVER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-offs and startup failures of {@link MtlsServerAutoConfiguration}.
 */
class MtlsServerAutoConfigurationTests {

	private static final Path FILES = TestCertificates.DIRECTORY.resolve("autoconfiguration");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class));

	@Test
	void backsOffWithoutMaterialProperties() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(MtlsServerMaterial.class)
			.doesNotHaveBean(MtlsWebServerFactoryCustomizer.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MtlsServerMaterial.class));
	}

	@Test
	void backsOffOutsideWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
			.withPropertyValues(TestCertificates.pemProperties())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MtlsServerMaterial.class));
	}

	@Test
	void registersPemMaterialAsSslBundleAndCustomizesTheServer() {
		this.runner.withPropertyValues(TestCertificates.pemProperties()).run((context) -> {
			assertThat(context).hasSingleBean(MtlsWebServerFactoryCustomizer.class);
			MtlsServerMaterial material = context.getBean(MtlsServerMaterial.class);
			assertThat(material.bundleName()).isEqualTo("mtls");
			SslBundle bundle = context.getBean(SslBundles.class).getBundle("mtls");
			KeyStore keyStore = bundle.getStores().getKeyStore();
			assertThat(keyStore.getCertificate("mtls")).isEqualTo(SERVER.certificate());
			assertThat(bundle.getStores().getTrustStore().getCertificateAlias(CA.certificate())).isNotNull();
		});
	}

	@Test
	void adaptsEachEmbeddedServerOnlyWhenItIsOnTheClasspath() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.run((context) -> assertThat(context).hasSingleBean(ServerTls.class)
				.hasSingleBean(TomcatMtlsCustomizer.class)
				.hasSingleBean(JettyMtlsCustomizer.class));
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatMtlsCustomizer.class)
				.hasSingleBean(JettyMtlsCustomizer.class));
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withClassLoader(new FilteredClassLoader(Server.class))
			.run((context) -> assertThat(context).hasSingleBean(TomcatMtlsCustomizer.class)
				.doesNotHaveBean(JettyMtlsCustomizer.class));
	}

	@Test
	void adaptsReactorNettyInReactiveApplicationsOnlyWhenItIsOnTheClasspath() {
		ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
			.withPropertyValues(TestCertificates.pemProperties());
		reactive.run((context) -> assertThat(context).hasSingleBean(ServerTls.class)
			.hasSingleBean(NettyMtlsCustomizer.class)
			.hasSingleBean(MtlsWebServerFactoryCustomizer.class));
		reactive.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).hasSingleBean(ServerTls.class)
				.doesNotHaveBean(NettyMtlsCustomizer.class));
	}

	@Test
	void clientAuthNoneServesTlsWithoutTrustMaterial() {
		this.runner
			.withPropertyValues("mtls.server.certificate=" + SERVER_CERTIFICATE,
					"mtls.server.private-key=" + SERVER_KEY, "mtls.server.client-auth=none")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MtlsServerMaterial.class).material().trust()).isNull();
				assertThat(context.getBean(SslBundles.class).getBundle("mtls").getStores().getTrustStore()).isNull();
			});
	}

	@Test
	void trustGivenAsAYamlListAloneStillActivatesAndFailsForMissingKeyMaterial() {
		this.runner.withPropertyValues("mtls.server.trust[0]=" + CA_CERTIFICATE)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.server.certificate",
					"No server key material"));
	}

	@Test
	void servesAnExistingSslBundleByName() {
		this.runner
			.withPropertyValues("spring.ssl.bundle.pem.mine.keystore.certificate=" + SERVER_CERTIFICATE,
					"spring.ssl.bundle.pem.mine.keystore.private-key=" + SERVER_KEY,
					"spring.ssl.bundle.pem.mine.truststore.certificate=" + CA_CERTIFICATE, "mtls.server.bundle=mine")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MtlsServerMaterial.class).bundleName()).isEqualTo("mine");
				assertThat(context.getBean(MtlsServerMaterial.class).material().key().certificate())
					.isEqualTo(SERVER.certificate());
				assertThat(context.getBean(SslBundles.class).getBundleNames()).containsExactly("mine");
			});
	}

	@Test
	void choosesOneSourcePerConfiguredKindAndWatchesItsFiles() throws IOException {
		Path secret = SERVER.writeKubernetesSecret(FILES.resolve("secret"));
		Path keyStore = SERVER.writePkcs12(FILES.resolve("chosen.p12"), "secret".toCharArray());
		this.runner.withPropertyValues("mtls.server.secret-dir=" + secret).run((context) -> {
			ServerMaterialSource source = context.getBean(ServerMaterialSource.class);
			assertThat(source.key()).isInstanceOf(KeySource.SecretDir.class);
			assertThat(source.trust()).isInstanceOf(TrustSource.SecretDirCa.class);
			assertThat(source.watchedPaths()).containsExactly(secret.resolve("tls.crt"), secret.resolve("tls.key"),
					secret.resolve("ca.crt"));
		});
		this.runner
			.withPropertyValues("mtls.server.key-store=" + keyStore, "mtls.server.key-store-password=secret",
					"mtls.server.trust=" + CA_CERTIFICATE)
			.run((context) -> {
				ServerMaterialSource source = context.getBean(ServerMaterialSource.class);
				assertThat(source.key()).isInstanceOf(KeySource.KeyStoreFile.class);
				assertThat(source.trust()).isInstanceOf(TrustSource.PemFiles.class);
				assertThat(source.watchedPaths()).containsExactly(keyStore, CA_CERTIFICATE);
			});
		this.runner
			.withPropertyValues("spring.ssl.bundle.pem.mine.keystore.certificate=" + SERVER_CERTIFICATE,
					"spring.ssl.bundle.pem.mine.keystore.private-key=" + SERVER_KEY,
					"spring.ssl.bundle.pem.mine.truststore.certificate=" + CA_CERTIFICATE, "mtls.server.bundle=mine")
			.run((context) -> {
				ServerMaterialSource source = context.getBean(ServerMaterialSource.class);
				assertThat(source.key()).isInstanceOf(KeySource.Loaded.class);
				assertThat(source.trust()).isInstanceOf(TrustSource.Loaded.class);
				assertThat(source.watchedPaths()).isEmpty();
			});
	}

	@Test
	void backsOffFromUserDefinedMaterialAndCustomizer() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MtlsServerMaterial.class)).isSameAs(UserBeans.MATERIAL);
				assertThat(context.getBean(MtlsWebServerFactoryCustomizer.class)).isSameAs(UserBeans.CUSTOMIZER);
			});
	}

	@Test
	void generatesTheDevPkiWhenEnabledAndNothingIsConfigured(@TempDir Path directory) {
		this.runner.withPropertyValues("mtls.dev.enabled=true", "mtls.dev.directory=" + directory).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DevPki.class).isInUse()).isTrue();
			assertThat(context.getBean(MtlsServerMaterial.class)
				.material()
				.key()
				.certificate()
				.getSubjectX500Principal()
				.getName()).startsWith("CN=localhost");
			assertThat(directory.resolve("ca.crt")).isRegularFile();
		});
	}

	@Test
	void ignoresTheDevPkiWhenMaterialIsConfigured(@TempDir Path directory) {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.dev.enabled=true", "mtls.dev.directory=" + directory)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DevPki.class).isInUse()).isFalse();
				assertThat(context.getBean(MtlsServerMaterial.class).material().key().certificate())
					.isEqualTo(SERVER.certificate());
				assertThat(directory).isEmptyDirectory();
			});
	}

	@Test
	void devPkiWithoutThePkiModuleFailsWithAnAction(@TempDir Path directory) {
		this.runner.withClassLoader(new FilteredClassLoader(TestPki.class))
			.withPropertyValues("mtls.dev.enabled=true", "mtls.dev.directory=" + directory)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.dev.enabled", "io.mtls:mtls-pki"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("misconfigurations")
	void misconfigurationFailsStartupNamingThePropertyAndTheFix(String scenario, String[] properties, String property,
			String problem) {
		this.runner.withPropertyValues(properties)
			.run((context) -> assertFailure(context.getStartupFailure(), property, problem));
	}

	static Stream<Arguments> misconfigurations() throws IOException {
		Files.createDirectories(FILES);
		Path garbage = Files.writeString(FILES.resolve("garbage.pem"), "this is not a certificate");
		Path p12 = SERVER.writePkcs12(FILES.resolve("server.p12"), "secret".toCharArray());
		Path encryptedKey = Files.writeString(FILES.resolve("encrypted.key"),
				SERVER.encryptedPrivateKeyPem("secret".toCharArray()));
		Path aliceKey = ALICE.writePrivateKeyPem(FILES.resolve("alice.key"));
		Path aliceCertificate = ALICE.writeChainPem(FILES.resolve("alice.crt"));
		IssuedCertificate expired = CA.server("CN=localhost").dns("localhost").expired().issue();
		Path expiredCertificate = expired.writeChainPem(FILES.resolve("expired.crt"));
		Path expiredKey = expired.writePrivateKeyPem(FILES.resolve("expired.key"));
		IssuedCertificate future = CA.server("CN=localhost").dns("localhost").notYetValid().issue();
		Path futureCertificate = future.writeChainPem(FILES.resolve("future.crt"));
		Path futureKey = future.writePrivateKeyPem(FILES.resolve("future.key"));
		Path emptyDirectory = Files.createDirectories(FILES.resolve("empty-trust-dir"));
		String missing = FILES.resolve("missing.pem").toString();
		String certificate = "mtls.server.certificate=" + SERVER_CERTIFICATE;
		String key = "mtls.server.private-key=" + SERVER_KEY;
		String trust = "mtls.server.trust=" + CA_CERTIFICATE;
		return Stream.of(
				arguments("certificate file missing", "mtls.server.certificate", "does not exist",
						"mtls.server.certificate=" + missing, key, trust),
				arguments("private key file missing", "mtls.server.private-key", "does not exist", certificate,
						"mtls.server.private-key=" + missing, trust),
				arguments("trust file missing", "mtls.server.trust", "does not exist", certificate, key,
						"mtls.server.trust=" + missing),
				arguments("classpath certificate missing", "mtls.server.certificate", "does not exist",
						"mtls.server.certificate=classpath:nope/server.crt", key, trust),
				arguments("certificate not PEM", "mtls.server.certificate", "is not PEM",
						"mtls.server.certificate=" + garbage, key, trust),
				arguments("private key not PEM", "mtls.server.private-key", "is not PEM", certificate,
						"mtls.server.private-key=" + garbage, trust),
				arguments("certificate file holds only a key", "mtls.server.certificate", "no PEM certificate",
						"mtls.server.certificate=" + SERVER_KEY, key, trust),
				arguments("key store is not a key store", "mtls.server.key-store", "is not a PKCS12 key store",
						"mtls.server.key-store=" + SERVER_CERTIFICATE, "mtls.server.key-store-password=secret", trust),
				arguments("key store wrong password", "mtls.server.key-store-password", "wrong key store password",
						"mtls.server.key-store=" + p12, "mtls.server.key-store-password=wrong", trust),
				arguments("key store unknown type", "mtls.server.key-store-type", "not supported",
						"mtls.server.key-store=" + p12, "mtls.server.key-store-password=secret",
						"mtls.server.key-store-type=NOPE", trust),
				arguments("encrypted key without password", "mtls.server.private-key-password", "no password is set",
						certificate, "mtls.server.private-key=" + encryptedKey, trust),
				arguments("encrypted key wrong password", "mtls.server.private-key-password", "wrong password",
						certificate, "mtls.server.private-key=" + encryptedKey,
						"mtls.server.private-key-password=wrong", trust),
				arguments("private key does not match certificate", "mtls.server.private-key",
						"does not match the certificate", certificate, "mtls.server.private-key=" + aliceKey, trust),
				arguments("server certificate expired", "mtls.server.private-key", "expired on",
						"mtls.server.certificate=" + expiredCertificate, "mtls.server.private-key=" + expiredKey,
						trust),
				arguments("server certificate not yet valid", "mtls.server.private-key", "is not valid before",
						"mtls.server.certificate=" + futureCertificate, "mtls.server.private-key=" + futureKey, trust),
				arguments("need without trust", "mtls.server.client-auth", "no trust material", certificate, key),
				arguments("want without trust", "mtls.server.client-auth", "no trust material", certificate, key,
						"mtls.server.client-auth=want"),
				arguments("trust holds no CA", "mtls.server.trust", "holds no CA certificate", certificate, key,
						"mtls.server.trust=" + aliceCertificate),
				arguments("trust directory holds no PEM", "mtls.server.trust", "holds no .pem", certificate, key,
						"mtls.server.trust=" + emptyDirectory),
				arguments("certificate and key store both set", "mtls.server.key-store", "configured more than once",
						certificate, key, "mtls.server.key-store=" + p12, trust),
				arguments("certificate without private key", "mtls.server.private-key", "is not", certificate, trust),
				arguments("trust and trust store both set", "mtls.server.trust-store", "Both", certificate, key, trust,
						"mtls.server.trust-store=" + p12),
				arguments("only trust configured", "mtls.server.certificate", "No server key material", trust),
				arguments("bundle combined with certificate", "mtls.server.bundle", "cannot be combined",
						"spring.ssl.bundle.pem.mine.keystore.certificate=" + SERVER_CERTIFICATE,
						"spring.ssl.bundle.pem.mine.keystore.private-key=" + SERVER_KEY, "mtls.server.bundle=mine",
						certificate, key),
				arguments("bundle unknown", "mtls.server.bundle", "no such bundle", "mtls.server.bundle=nope"),
				arguments("bundle without trust under need", "mtls.server.client-auth", "no trust material",
						"spring.ssl.bundle.pem.mine.keystore.certificate=" + SERVER_CERTIFICATE,
						"spring.ssl.bundle.pem.mine.keystore.private-key=" + SERVER_KEY, "mtls.server.bundle=mine"),
				arguments("bundle reloaded by Spring Boot", "spring.ssl.bundle.pem.mine.reload-on-update",
						"reload-on-update", "spring.ssl.bundle.pem.mine.keystore.certificate=" + SERVER_CERTIFICATE,
						"spring.ssl.bundle.pem.mine.keystore.private-key=" + SERVER_KEY,
						"spring.ssl.bundle.pem.mine.truststore.certificate=" + CA_CERTIFICATE,
						"spring.ssl.bundle.pem.mine.reload-on-update=true", "mtls.server.bundle=mine"),
				arguments("server.ssl material as well", "server.ssl.bundle", "Both 'server.ssl.bundle'",
						"server.ssl.bundle=other", certificate, key, trust));
	}

	private static Arguments arguments(String scenario, String property, String problem, String... properties) {
		return Arguments.of(scenario, properties, property, problem);
	}

	private static void assertFailure(Throwable failure, String property, String problem) {
		assertThat(failure).as("startup failure").isNotNull();
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of " + failure).isNotNull();
		assertThat(analysis.getDescription()).contains(problem);
		assertThat(analysis.getDescription() + " " + analysis.getAction()).contains("'" + property + "'");
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final MtlsServerMaterial MATERIAL = new MtlsServerMaterial("custom", new ServerMaterial(
				new KeyMaterial(SERVER.privateKey(), SERVER.chain(), MaterialSource.ofPath("user", SERVER_CERTIFICATE)),
				null));

		static final MtlsWebServerFactoryCustomizer CUSTOMIZER = new MtlsWebServerFactoryCustomizer("custom",
				org.springframework.boot.web.server.Ssl.ClientAuth.NEED, null);

		@Bean
		MtlsServerMaterial userMaterial() {
			return MATERIAL;
		}

		@Bean
		MtlsWebServerFactoryCustomizer userCustomizer() {
			return CUSTOMIZER;
		}

	}

}
