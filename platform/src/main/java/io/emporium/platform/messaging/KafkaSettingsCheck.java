package io.emporium.platform.messaging;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Stops start-up when a Kafka setting ({@code spring.kafka.*}) refers to a variable that is not set, such as
 * {@code EMPORIUM_KAFKA_PASSWORD} under the {@code kafka-scram} profile. Spring Boot binds an unresolvable placeholder
 * as its literal text, so without this check a client would try to log in with the password
 * {@code ${EMPORIUM_KAFKA_PASSWORD}} and fail later, once per reconnect, with an authentication error that does not
 * say what is missing. The message names the setting and the variable, never a value. A placeholder with a default
 * ({@code ${NAME:default}}) is never missing.
 */
final class KafkaSettingsCheck implements InitializingBean {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

    private final ConfigurableEnvironment environment;

    KafkaSettingsCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        Map<String, String> missing = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("spring.kafka.") && enumerable.getProperty(name) instanceof String raw) {
                        Matcher placeholder = PLACEHOLDER.matcher(raw);
                        while (placeholder.find()) {
                            if (!environment.containsProperty(placeholder.group(1))) {
                                missing.putIfAbsent(name, placeholder.group(1));
                            }
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder("Kafka settings refer to variables that are not set:");
            missing.forEach((setting, variable) -> message.append(' ').append(setting).append(" needs ")
                    .append(variable).append(';'));
            throw new IllegalStateException(message.append(" set them in the environment (profile kafka-scram: "
                    + "see deploy/README.md)").toString());
        }
    }
}
