package io.emporium.payments.payment.web;

import java.util.UUID;

import io.emporium.payments.payment.model.PaymentId;
import io.emporium.platform.security.servlet.AccessRules;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Who may call the payments API beyond holding a valid token, decided here whatever the gateway let through
 * (docs/adr/0003): refunds are for administrators. Whose payment a caller may read is decided per payment, by
 * {@link PaymentController}.
 *
 * <p>A refund refused here never reaches the controller, so it is audited here ({@link PaymentAudit}, outcome
 * denied) when the caller had a valid token; a request without one is an authentication failure, which the
 * platform records as a security event.
 */
@Component
class PaymentAccessRules implements AccessRules {

    private static final RequestMatcher REFUND = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/payments/{paymentId}/refund");

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(REFUND).hasRole("ADMIN");
    }

    @EventListener
    void refundDenied(AuthorizationDeniedEvent<?> denied) {
        if (denied.getObject() instanceof HttpServletRequest request
                && denied.getAuthentication().get() instanceof JwtAuthenticationToken caller) {
            RequestMatcher.MatchResult match = REFUND.matcher(request);
            if (match.isMatch()) {
                PaymentAudit.record(PaymentAudit.REFUND, PaymentAudit.Outcome.DENIED, caller.getName(),
                        paymentId(match.getVariables().get("paymentId")), null);
            }
        }
    }

    /** The payment id of the path, if it is one: the audit never repeats arbitrary input. */
    private static @Nullable PaymentId paymentId(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return new PaymentId(UUID.fromString(text));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
