package io.mtls.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mtls.boot.core.InvalidMtlsConfigurationException;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.Environment;

/**
 * Stops startup, once the first mTLS properties class is bound, at an {@code mtls.*} key
 * that names no property of any of them ({@link #PROPERTIES}), so that a typo in a rule
 * cannot silently grant or deny.
 * <p>
 * The properties classes bind leniently, so that a list given again by a later property
 * source (a profile, the command line, an environment variable) replaces the whole list
 * as in any Spring Boot application. Spring Boot's strict mode
 * ({@code ignoreUnknownFields =
 * false}) would instead report the replaced elements as unbound. This check binds each
 * property source on its own, where no list is replaced, and reports the keys of that
 * source that bind to nothing. Like Spring Boot's strict mode, it skips system
 * environment variables and system properties, which other software shares.
 */
final class UnknownMtlsKeysCheck implements BeanPostProcessor {

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("mtls");

	/**
	 * Every class bound under {@code mtls}: together they define the known keys.
	 */
	static final List<Class<?>> PROPERTIES = List.of(MtlsServerProperties.class, MtlsIdentityProperties.class,
			MtlsProxyProperties.class, MtlsRevocationProperties.class, MtlsClientProperties.class,
			MtlsActuatorProperties.class, MtlsSpiffeProperties.class);

	private final Environment environment;

	private final AtomicBoolean checked = new AtomicBoolean();

	UnknownMtlsKeysCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (PROPERTIES.stream().anyMatch((type) -> type.isInstance(bean)) && this.checked.compareAndSet(false, true)) {
			check(this.environment);
		}
		return bean;
	}

	/**
	 * Checks every {@code mtls.*} key of the environment.
	 * @param environment the environment
	 * @throws InvalidMtlsConfigurationException naming the unknown keys, where they come
	 * from, and the valid keys next to them
	 */
	static void check(Environment environment) {
		PropertySourcesPlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(environment);
		UnboundElementsSourceFilter checked = new UnboundElementsSourceFilter();
		List<String> unknown = new ArrayList<>();
		Map<ConfigurationPropertyName, Set<String>> validKeys = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable) || !checked.apply(source)) {
				continue;
			}
			List<ConfigurationPropertyName> names = iterable.filter(ROOT::isAncestorOf).stream().toList();
			if (names.isEmpty()) {
				continue;
			}
			KnownNames known = new KnownNames();
			Binder binder = new Binder(List.of(source), placeholders);
			for (Class<?> type : PROPERTIES) {
				String prefix = type.getAnnotation(ConfigurationProperties.class).prefix();
				binder.bind(ConfigurationPropertyName.of(prefix), Bindable.of(type), known);
			}
			for (ConfigurationPropertyName name : names) {
				if (!known.contains(name)) {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					unknown.add("'" + name + "'" + ((property != null && property.getOrigin() != null)
							? " (" + property.getOrigin() + ")" : ""));
					known.validKeysNear(name, validKeys);
				}
			}
		}
		if (!unknown.isEmpty()) {
			StringBuilder action = new StringBuilder("Correct or remove the key.");
			validKeys.forEach((parent, keys) -> action.append(" The keys of '")
				.append(parent)
				.append("' are: ")
				.append(String.join(", ", keys))
				.append('.'));
			throw new InvalidMtlsConfigurationException("Unknown mtls property " + String.join(", ", unknown) + ".",
					action.toString());
		}
	}

	/**
	 * Records the names a binding tried, bound, or failed to convert.
	 */
	private static final class KnownNames extends AbstractBindHandler {

		private final Set<ConfigurationPropertyName> tried = new LinkedHashSet<>();

		private final Set<ConfigurationPropertyName> bound = new LinkedHashSet<>();

		private final Set<ConfigurationPropertyName> failed = new LinkedHashSet<>();

		@Override
		public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
			this.tried.add(name);
			return target;
		}

		@Override
		public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			this.bound.add(name);
			return result;
		}

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) {
			// the key exists but its value does not bind; the real binding reports that
			// if this source's value wins
			this.failed.add(name);
			return null;
		}

		boolean contains(ConfigurationPropertyName name) {
			return this.bound.contains(name)
					|| this.failed.stream().anyMatch((failed) -> failed.equals(name) || failed.isAncestorOf(name));
		}

		/**
		 * Adds the property keys of the nearest ancestor of an unknown name that has any.
		 */
		void validKeysNear(ConfigurationPropertyName unknown, Map<ConfigurationPropertyName, Set<String>> validKeys) {
			for (ConfigurationPropertyName parent = unknown.getParent(); !parent.isEmpty(); parent = parent
				.getParent()) {
				Set<String> keys = new TreeSet<>();
				for (ConfigurationPropertyName tried : this.tried) {
					if (!tried.isLastElementIndexed() && parent.isParentOf(tried)) {
						keys.add(tried.getLastElement(ConfigurationPropertyName.Form.DASHED));
					}
				}
				if (!keys.isEmpty()) {
					validKeys.computeIfAbsent(parent, (key) -> new TreeSet<>()).addAll(keys);
					return;
				}
			}
		}

	}

}
