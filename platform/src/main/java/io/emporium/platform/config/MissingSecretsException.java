package io.emporium.platform.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Start-up refused by {@link RequiredSecrets}: secrets that are missing or DEV-ONLY outside the development
 * profiles. Names the properties, never their values.
 */
class MissingSecretsException extends IllegalStateException {

    /** One unusable secret: its property, and whether it was there but a DEV-ONLY value. */
    record Secret(String property, boolean devOnly) {

        /** The environment variable that supplies it (Spring's relaxed binding, as the runner sets them). */
        String environmentVariable() {
            return property.replaceAll("[.\\-\\[\\]]+", "_").replaceAll("_+$", "").toUpperCase(Locale.ROOT);
        }

        String describe() {
            return property + (devOnly ? " is a DEV-ONLY value" : " is not set");
        }
    }

    private final List<Secret> secrets;
    private final List<String> devProfiles;
    private final List<String> activeProfiles;

    MissingSecretsException(List<Secret> secrets, List<String> devProfiles, List<String> activeProfiles) {
        super("Missing or DEV-ONLY secrets outside the " + String.join("/", devProfiles) + " profiles: "
                + secrets.stream().map(Secret::describe).collect(Collectors.joining(", ")));
        this.secrets = List.copyOf(secrets);
        this.devProfiles = List.copyOf(devProfiles);
        this.activeProfiles = List.copyOf(activeProfiles);
    }

    List<Secret> secrets() {
        return secrets;
    }

    List<String> devProfiles() {
        return devProfiles;
    }

    List<String> activeProfiles() {
        return activeProfiles;
    }
}
