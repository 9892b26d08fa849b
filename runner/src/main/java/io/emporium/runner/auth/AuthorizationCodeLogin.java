package io.emporium.runner.auth;

import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.emporium.runner.auth.LoginFailedException.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs a user in at a Spring Authorization Server the way a native app does, without a browser: the authorization
 * code grant with PKCE ({@code S256}) for a public client, whose login form it fills in itself.
 * <ol>
 * <li>{@code GET <issuer>/oauth2/authorize?response_type=code&client_id=..&redirect_uri=..&scope=openid profile
 * &state=..&code_challenge=..&code_challenge_method=S256}, which redirects to the login page;</li>
 * <li>{@code GET /login}, for the session cookie and the {@code _csrf} token of its form;</li>
 * <li>{@code POST /login} with user name, password and {@code _csrf}, which redirects back to the authorization
 * request and from there to the redirect URI with {@code code} and {@code state} (this client stops at that
 * redirect: nothing listens at the redirect URI);</li>
 * <li>{@code POST <issuer>/oauth2/token} with the code and the PKCE verifier, for the tokens.</li>
 * </ol>
 * Redirects are followed by hand, each login in its own cookie jar, so logins of different users never share a
 * session. Instances are immutable and can be used by several threads at once.
 */
public final class AuthorizationCodeLogin {

    /** The local identity service (docs/adr/0003-identity-and-tokens.md). */
    public static final URI LOCAL_ISSUER = URI.create("http://localhost:9000");
    /** The public client of {@code ./emporium token} and the system tests. */
    public static final String CLI_CLIENT_ID = "emporium-cli";
    /** The loopback redirect URI (RFC 8252) registered for {@value #CLI_CLIENT_ID}. */
    public static final URI CLI_REDIRECT_URI = URI.create("http://127.0.0.1/callback");
    /** What a user login asks for. */
    public static final String SCOPE = "openid profile";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Redirects and pages of one login: Spring Authorization Server needs five. */
    private static final int MAX_EXCHANGES = 20;
    private static final String HTML = "text/html,application/xhtml+xml";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI issuer;
    private final String clientId;
    private final URI redirectUri;
    private final Duration timeout;

    private AuthorizationCodeLogin(URI issuer, String clientId, URI redirectUri, Duration timeout) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.timeout = timeout;
    }

    /**
     * @param issuer      the authorization server's issuer, e.g. {@code http://localhost:9000}; its endpoints are
     *                    {@code <issuer>/oauth2/authorize} and {@code <issuer>/oauth2/token}
     * @param clientId    a public client registered for the authorization code grant with PKCE
     * @param redirectUri one of the client's registered redirect URIs; nothing needs to listen there
     * @throws IllegalArgumentException when the issuer or redirect URI is not an absolute http(s) URL
     */
    public static AuthorizationCodeLogin of(URI issuer, String clientId, URI redirectUri) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("the client id must not be blank");
        }
        requireHttpUrl(issuer, "issuer");
        requireHttpUrl(redirectUri, "redirect URI");
        String withoutSlash = issuer.toString().replaceAll("/+$", "");
        return new AuthorizationCodeLogin(URI.create(withoutSlash), clientId, redirectUri, DEFAULT_TIMEOUT);
    }

    /** The client {@value #CLI_CLIENT_ID} with its redirect URI, at {@code issuer}. */
    public static AuthorizationCodeLogin cli(URI issuer) {
        return of(issuer, CLI_CLIENT_ID, CLI_REDIRECT_URI);
    }

    public URI issuer() {
        return issuer;
    }

    /**
     * Logs {@code user} in and redeems the authorization code. The password is sent only in the login form to the
     * issuer and is not kept; the caller may clear the array afterwards.
     *
     * @throws LoginFailedException when no token was issued; its message says why in one sentence
     */
    public Tokens login(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Pkce pkce = Pkce.generate(RANDOM);
        String state = Pkce.randomBase64Url(RANDOM, 16);
        try (HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            String code = authorizationCode(http, user, password, pkce, state);
            return redeem(http, code, pkce);
        }
    }

    /** Steps 1 to 3: from the authorization request to the code in the redirect to the redirect URI. */
    private String authorizationCode(HttpClient http, String user, char[] password, Pkce pkce, String state) {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(authorizationRequest(pkce, state))
                .header("Accept", HTML).GET());
        URI loginPage = null;
        for (int exchanges = 1; exchanges < MAX_EXCHANGES; exchanges++) {
            int status = response.statusCode();
            URI at = response.uri();
            if (isRedirect(status)) {
                URI location = location(response);
                if (sameEndpoint(location, redirectUri)) {
                    return codeFrom(location, state);
                }
                if (loginPage != null && sameEndpoint(location, loginPage) && hasParameter(location, "error")) {
                    throw new LoginFailedException(Reason.BAD_CREDENTIALS,
                            "login failed for user " + user + ": wrong user name or password");
                }
                response = send(http, HttpRequest.newBuilder(location).header("Accept", HTML).GET());
            } else if (status == 429 && loginPage != null) {
                throw throttled(response, "logins for " + user);
            } else if (status == 200 && LoginForm.isLoginPage(response.body())) {
                if (loginPage != null) {
                    throw unexpected("identity showed its login page again after accepting the login of " + user);
                }
                loginPage = withoutQuery(at);
                String csrf = LoginForm.csrfToken(response.body()).orElseThrow(() -> unexpected(
                        "the login page at " + at + " has no " + LoginForm.CSRF_PARAMETER + " field"));
                Map<String, String> form = new LinkedHashMap<>();
                form.put("username", user);
                form.put("password", new String(password));
                form.put(LoginForm.CSRF_PARAMETER, csrf);
                response = send(http, HttpRequest.newBuilder(loginPage)
                        .header("Accept", HTML)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formEncoded(form))));
            } else {
                throw unexpectedAnswer(response, loginPage != null);
            }
        }
        throw unexpected("identity sent this login through " + MAX_EXCHANGES + " redirects and pages without reaching "
                + redirectUri);
    }

    /** Step 4: the code and the PKCE verifier for the tokens. */
    private Tokens redeem(HttpClient http, String code, Pkce pkce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("client_id", clientId);
        form.put("code_verifier", pkce.verifier());
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncoded(form))));
        if (response.statusCode() == 429) {
            throw throttled(response, "token requests of client " + clientId);
        }
        JsonNode body = json(response.body());
        if (response.statusCode() != 200) {
            String error = body == null ? "" : oauthError(body.path("error").asString(""),
                    body.path("error_description").asString(""));
            throw new LoginFailedException(Reason.REFUSED, "identity refused to issue a token for the authorization "
                    + "code (HTTP " + response.statusCode() + (error.isEmpty() ? "" : ": " + error) + ")");
        }
        if (body == null || body.path("access_token").asString("").isBlank()) {
            throw unexpected("the token response of " + issuer + "/oauth2/token has no access_token");
        }
        JsonNode idToken = body.path("id_token");
        return new Tokens(body.path("access_token").asString(),
                body.path("token_type").asString("Bearer"),
                Duration.ofSeconds(body.path("expires_in").asLong(0)),
                body.path("scope").asString(SCOPE),
                idToken.isString() ? idToken.asString() : null);
    }

    private URI authorizationRequest(Pkce pkce, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", SCOPE);
        query.put("state", state);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        return URI.create(issuer + "/oauth2/authorize?" + formEncoded(query));
    }

    /** The authorization response (RFC 6749 section 4.1.2): its state must be ours, then its code is. */
    private String codeFrom(URI location, String state) {
        Map<String, String> parameters = parameters(location);
        if (parameters.containsKey("error")) {
            throw new LoginFailedException(Reason.REFUSED, "identity refused the authorization request: "
                    + oauthError(parameters.get("error"), parameters.getOrDefault("error_description", "")));
        }
        String returned = parameters.getOrDefault("state", "");
        if (!MessageDigest.isEqual(returned.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            throw unexpected("the authorization response carries another state than this login sent; its code is "
                    + "not used (a response meant for another login?)");
        }
        String code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw unexpected("the authorization response to " + redirectUri + " has no code");
        }
        return code;
    }

    /**
     * Identity answered 429: it backs off after repeated failures (per user and address) and does not check the
     * password meanwhile. {@code identity throttled logins for alice from this address: retry in 8 s}.
     */
    private static LoginFailedException throttled(HttpResponse<String> response, String what) {
        String wait = response.headers().firstValue("Retry-After").map(String::strip)
                .filter(seconds -> seconds.matches("\\d{1,9}")).map(seconds -> "retry in " + seconds + " s")
                .orElse("retry later");
        return new LoginFailedException(Reason.THROTTLED, "identity throttled " + what + " from this address: "
                + wait);
    }

    private LoginFailedException unexpectedAnswer(HttpResponse<String> response, boolean loggedIn) {
        int status = response.statusCode();
        String path = response.uri().getPath();
        boolean authorizeEndpoint = path != null && path.endsWith("/oauth2/authorize");
        if (authorizeEndpoint && status == 200 && loggedIn) {
            return unexpected("identity asks for the user's consent (a page at " + path + "), which this login "
                    + "cannot give: register client " + clientId + " without consent");
        }
        if (authorizeEndpoint && status == 400) {
            return new LoginFailedException(Reason.REFUSED, "identity rejected the authorization request (HTTP 400): "
                    + "is client " + clientId + " registered, as a public client with redirect URI " + redirectUri
                    + " and scopes " + SCOPE + "?");
        }
        if (authorizeEndpoint && status == 401) {
            return unexpected("identity answered HTTP 401 at " + path + " instead of redirecting to its login page");
        }
        if (status == 403 && loggedIn) {
            return unexpected("identity refused the login form (HTTP 403 at " + path
                    + "): CSRF token or session lost?");
        }
        return unexpected("identity answered HTTP " + status + " at " + response.uri() + " during the login");
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new LoginFailedException(Reason.UNREACHABLE, "identity is not running at " + origin(built.uri())
                    + "; start the system with ./emporium up", e);
        } catch (HttpTimeoutException e) {
            throw new LoginFailedException(Reason.UNREACHABLE, "identity at " + origin(built.uri())
                    + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new LoginFailedException(Reason.UNREACHABLE, "cannot talk to identity at " + origin(built.uri())
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailedException(Reason.UNREACHABLE, "interrupted while waiting for identity", e);
        }
    }

    private static URI location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> unexpected(
                "identity redirected (HTTP " + response.statusCode() + ") without a Location at " + response.uri()));
        try {
            return response.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw unexpected("identity redirected to an invalid Location: " + location);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Same scheme, host, port and path: where a redirect goes, whatever its query. */
    private static boolean sameEndpoint(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b)
                && Objects.equals(emptyToSlash(a.getPath()), emptyToSlash(b.getPath()));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String emptyToSlash(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static URI withoutQuery(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static boolean hasParameter(URI uri, String name) {
        return parameters(uri).containsKey(name);
    }

    /** The decoded query parameters of {@code uri}; for a repeated name, the first value. */
    static Map<String, String> parameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String formEncoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String oauthError(String error, String description) {
        return description.isBlank() ? error : error + " (" + description + ")";
    }

    private static LoginFailedException unexpected(String message) {
        return new LoginFailedException(Reason.UNEXPECTED_RESPONSE, message);
    }

    private static void requireHttpUrl(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the " + what + " must be an http(s) URL like http://localhost:9000, "
                    + "was '" + uri + "'");
        }
    }
}
