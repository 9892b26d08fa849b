package io.emporium.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the identity service over HTTP the way the command line and the storefront do: the authorization code
 * flow with PKCE through the login form (session cookie, CSRF token, no redirect following), the token endpoint
 * and the JWKS.
 */
final class IdentityClient {

    static final String CLI = "emporium-cli";
    static final String CLI_REDIRECT = "http://127.0.0.1/callback";
    static final String STOREFRONT = "storefront";
    static final String STOREFRONT_REDIRECT = "http://127.0.0.1:8080/storefront/callback";
    /** DEV ONLY test secret of the orders-service client. */
    static final String ORDERS_SECRET = "orders-service-test-secret-dev-only";

    private static final JsonMapper json = JsonMapper.shared();
    private static final SecureRandom random = new SecureRandom();
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final URI base;

    IdentityClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    URI base() {
        return base;
    }

    /** The result of an authorization request: a code for the client, or none (the user stayed at the login form). */
    record Authorization(Optional<String> code, String verifier, String redirectUri) {
    }

    /**
     * GET /oauth2/authorize -> 302 /login -> GET /login (CSRF token) -> POST /login -> 302 back to the authorization
     * endpoint -> 302 to the client's redirect URI with a code. With a wrong password, the form answers
     * /login?error and there is no code.
     */
    Authorization authorize(String clientId, String redirectUri, String scope, String user, String password) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", scope);
        parameters.put("state", state);
        parameters.put("code_challenge", challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        URI authorize = base.resolve("/oauth2/authorize?" + form(parameters));

        HttpResponse<String> toLogin = send(browser, HttpRequest.newBuilder(authorize).GET().build());
        assertThat(toLogin.statusCode()).as("authorization request: %s", toLogin.body()).isEqualTo(302);
        URI login = location(toLogin);
        assertThat(login.getPath()).isEqualTo("/login");

        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(login).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        String csrf = csrfToken(page.body());

        HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password,
                        "_csrf", csrf))))
                .build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        URI next = location(signedIn);
        if (next.getPath().equals("/login")) {
            return new Authorization(Optional.empty(), verifier, redirectUri);
        }
        assertThat(next.getPath()).isEqualTo("/oauth2/authorize");

        HttpResponse<String> toClient = send(browser, HttpRequest.newBuilder(next).GET().build());
        assertThat(toClient.statusCode()).as("authorization after sign-in: %s", toClient.body()).isEqualTo(302);
        URI callback = location(toClient);
        assertThat(callback.toString()).startsWith(redirectUri + "?");
        Map<String, String> query = query(callback);
        assertThat(query).containsEntry("state", state).doesNotContainKey("error");
        return new Authorization(Optional.of(query.get("code")), verifier, redirectUri);
    }

    /**
     * The login form alone, as a script would post it: GET /login (session cookie, CSRF token), then POST /login with
     * {@code headers} on both. The answer to the POST, redirects not followed: 302 to {@code /login?error} for a wrong
     * password, 302 elsewhere once signed in.
     */
    HttpResponse<String> postLogin(String user, String password, Map<String, String> headers) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI login = base.resolve("/login");
        HttpRequest.Builder page = HttpRequest.newBuilder(login).GET();
        headers.forEach(page::header);
        HttpResponse<String> form = send(browser, page.build());
        assertThat(form.statusCode()).isEqualTo(200);
        HttpRequest.Builder post = HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password,
                        "_csrf", csrfToken(form.body())))));
        headers.forEach(post::header);
        return send(browser, post.build());
    }

    /** Signs the user in through {@code clientId} and exchanges the code: the token response. */
    JsonNode signIn(String clientId, String redirectUri, String scope, String user, String password) {
        Authorization authorization = authorize(clientId, redirectUri, scope, user, password);
        assertThat(authorization.code()).as("authorization code for %s", user).isPresent();
        HttpResponse<String> tokens = exchange(clientId, authorization);
        assertThat(tokens.statusCode()).as("token response: %s", tokens.body()).isEqualTo(200);
        return json.readTree(tokens.body());
    }

    /** An access token of {@code user} obtained through the command-line client. */
    String accessToken(String user, String password) {
        return signIn(CLI, CLI_REDIRECT, "openid profile", user, password).get("access_token").asString();
    }

    HttpResponse<String> exchange(String clientId, Authorization authorization) {
        return token(Map.of("grant_type", "authorization_code", "code", authorization.code().orElseThrow(),
                "redirect_uri", authorization.redirectUri(), "client_id", clientId,
                "code_verifier", authorization.verifier()), Map.of());
    }

    HttpResponse<String> refresh(String clientId, String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId),
                Map.of());
    }

    HttpResponse<String> clientCredentials(String clientId, String secret, String scope, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        return token(Map.of("grant_type", "client_credentials", "scope", scope), all);
    }

    /** An access token of the orders service (client credentials, {@code catalog.read}). */
    String serviceToken() {
        HttpResponse<String> response = clientCredentials("orders-service", ORDERS_SECRET, "catalog.read", Map.of());
        assertThat(response.statusCode()).as("client credentials: %s", response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    HttpResponse<String> token(Map<String, String> parameters, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
        headers.forEach(request::header);
        return send(HttpClient.newHttpClient(), request.build());
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(HttpClient.newHttpClient(), request.build());
    }

    HttpResponse<String> post(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(HttpClient.newHttpClient(), request.build());
    }

    JWKSet jwks() {
        HttpResponse<String> response = get("/oauth2/jwks", null);
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return JWKSet.parse(response.body());
        }
        catch (ParseException ex) {
            throw new AssertionError("JWKS is not a JWK set: " + response.body(), ex);
        }
    }

    static JsonNode readJson(String body) {
        return json.readTree(body);
    }

    static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        }
        catch (ParseException ex) {
            throw new AssertionError("Not a signed JWT", ex);
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String csrfToken(String loginPage) {
        Matcher input = CSRF_INPUT.matcher(loginPage);
        assertThat(input.find()).as("login page has a _csrf hidden input").isTrue();
        assertThat(input.group()).contains("type=\"hidden\"");
        Matcher value = VALUE.matcher(input.group());
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    private URI location(HttpResponse<String> response) {
        return base.resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : ""));
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String randomUrlSafe(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), ex);
        }
    }
}
