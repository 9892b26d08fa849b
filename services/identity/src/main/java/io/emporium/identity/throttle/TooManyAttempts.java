package io.emporium.identity.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emporium.identity.throttle.GuessingGuard.RefusalAnswer;
import io.emporium.identity.throttle.GuessingThrottle.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 429 answers of a throttled attempt, always with {@code Retry-After} (whole seconds) and
 * {@code Cache-Control: no-store}:
 * <ul>
 * <li>at the login form: an HTML page saying how long to wait, or, for a caller that prefers JSON, the RFC 9457
 * problem below;</li>
 * <li>at the token endpoints: an RFC 9457 problem ({@code application/problem+json}) that is also an OAuth 2.0 error
 * response: {@code "error": "slow_down"} (RFC 8628's code for "ask less often") and {@code error_description}, so
 * OAuth clients, which read {@code application/*+json} error bodies, see an error code and not a parse failure.</li>
 * </ul>
 * The problem's {@code detail} names the wait; the answer is the same whatever the secret was.
 */
final class TooManyAttempts {

    static final String OAUTH_ERROR = "slow_down";

    private static final JsonMapper json = JsonMapper.shared();
    private static final List<MediaType> JSON_TYPES = List.of(MediaType.APPLICATION_PROBLEM_JSON,
            MediaType.APPLICATION_JSON);

    private TooManyAttempts() {
    }

    /** At {@code POST /login}: HTML unless the caller asks for JSON before HTML. */
    static RefusalAnswer atLoginForm() {
        return (request, response, attempt, refusal) -> {
            if (prefersJson(request)) {
                writeProblem(response, problem(Endpoint.LOGIN, attempt, refusal), refusal);
            } else {
                writeHtml(response, attempt, refusal);
            }
        };
    }

    /** At the endpoints that authenticate clients: the problem with its OAuth error members. */
    static RefusalAnswer atTokenEndpoint() {
        return (request, response, attempt, refusal) -> {
            Map<String, Object> problem = problem(Endpoint.TOKEN, attempt, refusal);
            problem.put("error", OAUTH_ERROR);
            problem.put("error_description", problem.get("detail"));
            writeProblem(response, problem, refusal);
        };
    }

    /** {@code Too many failed sign-ins for user 'alice' from this address: retry in 8 s.} */
    static String detail(Endpoint endpoint, Attempt attempt, Refusal refusal) {
        String who = attempt.account() == null ? "" : " for " + endpoint.account() + " '" + attempt.account() + "'";
        String where = switch (refusal.scope()) {
            case ACCOUNT_AND_ADDRESS, ADDRESS -> " from this address";
            case ACCOUNT -> " from several addresses";
        };
        return "Too many failed " + endpoint.attempts() + (refusal.scope() == Scope.ADDRESS ? "" : who) + where
                + ": retry in " + refusal.retryAfterSeconds() + " s.";
    }

    private static Map<String, Object> problem(Endpoint endpoint, Attempt attempt, Refusal refusal) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", detail(endpoint, attempt, refusal));
        problem.put("retryAfterSeconds", refusal.retryAfterSeconds());
        return problem;
    }

    private static void writeProblem(HttpServletResponse response, Map<String, Object> problem, Refusal refusal)
            throws IOException {
        start(response, refusal, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static void writeHtml(HttpServletResponse response, Attempt attempt, Refusal refusal) throws IOException {
        start(response, refusal, MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        String detail = HtmlUtils.htmlEscape(detail(Endpoint.LOGIN, attempt, refusal));
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Too many sign-in attempts</title></head>
                <body>
                <h1>Too many sign-in attempts</h1>
                <p>%s</p>
                <p><a href="/login">Back to the sign-in form</a></p>
                </body>
                </html>
                """.formatted(detail);
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    private static void start(HttpServletResponse response, Refusal refusal, String contentType) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(contentType);
    }

    /** Whether the first acceptable type, by quality, is JSON rather than HTML ({@code *}/{@code *} is HTML). */
    static boolean prefersJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        accepted = accepted.stream().sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList();
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isCompatibleWith(MediaType.TEXT_HTML)) {
                return false;
            }
            if (JSON_TYPES.stream().anyMatch(type::isCompatibleWith)) {
                return true;
            }
        }
        return false;
    }
}
