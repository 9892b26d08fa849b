package io.emporium.runner.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An authorization server that answers like Spring Authorization Server with its default form login, for one public
 * client: {@code /oauth2/authorize} saves the request and redirects to {@code /login} (only for requests that accept
 * HTML, else 401), whose form needs the session cookie and its CSRF token; a successful login changes the session id
 * and redirects to the saved request with {@code &continue}, a failed one to {@code /login?error}; the code is
 * redeemed once at {@code /oauth2/token}, only with the PKCE verifier of its challenge. Users: alice, bob, admin with
 * their demo passwords.
 */
public final class FakeAuthorizationServer implements AutoCloseable {

    public static final String CLIENT_ID = "emporium-cli";
    public static final String REDIRECT_URI = "http://127.0.0.1/callback";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean csrfValueFirst;
    private volatile String stateOverride;
    private volatile String loginRetryAfter;

    private record Grant(String user, String challenge, String redirectUri) {
    }

    private static final class Session {
        final String csrf = random();
        volatile String user;
        volatile String savedRequest;
    }

    private FakeAuthorizationServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on the address {@code localhost} resolves to, on a free port. */
    public static FakeAuthorizationServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 0);
            FakeAuthorizationServer fake = new FakeAuthorizationServer(http);
            http.createContext("/", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port>}: a host name without a dot, as the local issuer's. */
    public URI issuer() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** The login page lists {@code value} before {@code name} in its CSRF input. */
    public void putCsrfValueFirst() {
        csrfValueFirst = true;
    }

    /** The authorization response carries this state instead of the request's. */
    public void answerWithState(String state) {
        stateOverride = state;
    }

    /**
     * {@code POST /login} is answered like identity's throttle: 429 with {@code Retry-After: retryAfter} and an HTML
     * page, the password not checked.
     */
    public void throttleLogins(String retryAfter) {
        loginRetryAfter = retryAfter;
    }

    /** {@code METHOD path?query} of every request, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public String accessTokenOf(String user) {
        return "access-token-of-" + user;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            requests.add(exchange.getRequestMethod() + " " + uri);
            String route = exchange.getRequestMethod() + " " + uri.getPath();
            switch (route) {
                case "GET /oauth2/authorize" -> authorize(exchange);
                case "GET /login" -> loginPage(exchange);
                case "POST /login" -> login(exchange);
                case "POST /oauth2/token" -> token(exchange);
                default -> send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || !REDIRECT_URI.equals(query.get("redirect_uri"))) {
            send(exchange, 400, "text/html", "<h1>[invalid_request] OAuth 2.0 Parameter: client_id</h1>");
            return;
        }
        Session session = session(exchange).orElse(null);
        if (session == null || session.user == null) {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept == null || !accept.contains("text/html")) {
                send(exchange, 401, "text/plain", "");
                return;
            }
            session = session == null ? newSession(exchange) : session;
            session.savedRequest = exchange.getRequestURI().toString();
            redirect(exchange, issuer() + "/login");
            return;
        }
        if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null || !"openid profile".equals(query.get("scope"))) {
            redirect(exchange, REDIRECT_URI + "?error=invalid_request&state=" + query.get("state"));
            return;
        }
        String code = random();
        codes.put(code, new Grant(session.user, query.get("code_challenge"), query.get("redirect_uri")));
        String state = stateOverride != null ? stateOverride : query.get("state");
        redirect(exchange,
                REDIRECT_URI + "?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }

    private void loginPage(HttpExchange exchange) throws IOException {
        Session session = session(exchange).orElseGet(() -> newSession(exchange));
        String csrf = csrfValueFirst
                ? "<input type=\"hidden\" value=\"" + session.csrf + "\" name=\"_csrf\"/>"
                : "<input name=\"_csrf\" type=\"hidden\" value=\"" + session.csrf + "\" />";
        send(exchange, 200, "text/html;charset=UTF-8", LoginFormTest.springSecurityLoginPage(csrf));
    }

    private void login(HttpExchange exchange) throws IOException {
        Session session = session(exchange).orElse(null);
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (session == null || !session.csrf.equals(form.get("_csrf"))) {
            send(exchange, 403, "text/plain", "Forbidden");
            return;
        }
        String user = form.getOrDefault("username", "");
        if (loginRetryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", loginRetryAfter);
            send(exchange, 429, "text/html;charset=UTF-8", "<!DOCTYPE html><html><body><h1>Too many sign-in attempts"
                    + "</h1><p>Too many failed sign-ins for user '" + user + "' from this address: retry in "
                    + loginRetryAfter + " s.</p></body></html>");
            return;
        }
        if (!DemoUsers.NAMES.contains(user) || !(user + "-dev-only").equals(form.get("password"))) {
            redirect(exchange, issuer() + "/login?error");
            return;
        }
        // session fixation protection: the authenticated session has a new id
        sessions.values().remove(session);
        Session authenticated = newSession(exchange);
        authenticated.user = user;
        redirect(exchange, issuer() + session.savedRequest + "&continue");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (!Pkce.challengeOf(verifier).equals(grant.challenge())) {
            send(exchange, 400, "application/json",
                    "{\"error\":\"invalid_grant\",\"error_description\":\"code_verifier does not match\"}");
            return;
        }
        send(exchange, 200, "application/json", """
                {"access_token":"%s","scope":"openid profile","id_token":"id-token-of-%s","token_type":"Bearer",\
                "expires_in":299}""".formatted(accessTokenOf(grant.user()), grant.user()));
    }

    private Optional<Session> session(HttpExchange exchange) {
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : cookies) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals("JSESSIONID") && sessions.containsKey(pair[1])) {
                    return Optional.of(sessions.get(pair[1]));
                }
            }
        }
        return Optional.empty();
    }

    private Session newSession(HttpExchange exchange) {
        String id = random();
        Session session = new Session();
        sessions.put(id, session);
        exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/; HttpOnly");
        return session;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
