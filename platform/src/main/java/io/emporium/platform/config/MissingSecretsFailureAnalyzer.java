package io.emporium.platform.config;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports {@link MissingSecretsException} as one paragraph (what is missing) and one action (how to supply it). */
class MissingSecretsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretsException cause) {
        String profiles = cause.activeProfiles().isEmpty() ? "no active profile"
                : "active profiles " + String.join(", ", cause.activeProfiles());
        String description = "This service needs secrets that are not configured (" + profiles + "): "
                + cause.secrets().stream().map(MissingSecretsException.Secret::describe)
                        .collect(Collectors.joining("; "))
                + ". DEV-ONLY values (ending in -dev-only) are used only under the "
                + String.join(" or ", cause.devProfiles()) + " profile; anywhere else each secret must come from the "
                + "deployment.";
        String action = "Supply " + cause.secrets().stream()
                .map(secret -> secret.property() + " (environment variable " + secret.environmentVariable() + ")")
                .collect(Collectors.joining(", "))
                + " from the deployment's secret store, or, on a laptop, run with the local profile "
                + "(SPRING_PROFILES_ACTIVE=local, as ./emporium up does).";
        return new FailureAnalysis(description, action, cause);
    }
}
