package io.emporium.registry.access;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request on {@code /eureka/apps/{application}/**} only to the registry client of that application (a
 * service named {@code orders} changes {@code ORDERS}, case-insensitively, and nothing else): no service can register
 * an instance under another's name, take another's instance out of service or cancel it.
 */
final class OwnApplication implements AuthorizationManager<RequestAuthorizationContext> {

    static final String VARIABLE = "application";

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        String application = context.getVariables().get(VARIABLE);
        boolean own = caller != null && caller.isAuthenticated() && application != null
                && caller.getAuthorities().stream().anyMatch(a -> RegistryCredentials.CLIENT.equals(a.getAuthority()))
                && caller.getName().equalsIgnoreCase(application);
        return new AuthorizationDecision(own);
    }
}
