package io.emporium.identity;

import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password and client-secret guessing over real HTTP against the real schema. The test connects from 127.0.0.1,
 * configured here as a trusted proxy, so each test picks its client addresses with {@code X-Forwarded-For}; each uses
 * users of its own. Backoffs are short: after 3 failures of one account from one address (3 s, at most 6 s), 6 from
 * one address, 8 of one account from anywhere.
 */
@TestPropertySource(properties = {
        "emporium.identity.throttle.trusted-proxies=127.0.0.1,::1",
        "emporium.identity.throttle.per-account-and-address.failures-before-backoff=3",
        "emporium.identity.throttle.per-account-and-address.first-wait=3s",
        "emporium.identity.throttle.per-account-and-address.longest-wait=6s",
        "emporium.identity.throttle.per-address.failures-before-backoff=6",
        "emporium.identity.throttle.per-address.first-wait=3s",
        "emporium.identity.throttle.per-address.longest-wait=6s",
        "emporium.identity.throttle.per-account.failures-before-backoff=8",
        "emporium.identity.throttle.per-account.first-wait=3s",
        "emporium.identity.throttle.per-account.longest-wait=6s" })
class GuessingThrottleIntegrationTest extends IdentityIntegrationTest {

    private static final String PASSWORD = "right-password-dev-only";

    private final IdentityClient identity;
    private final MeterRegistry meters;
    private final JdbcUserDetailsManager users;
    private final PasswordEncoder encoder;

    GuessingThrottleIntegrationTest(@LocalServerPort int port, MeterRegistry meters, JdbcUserDetailsManager users,
            PasswordEncoder encoder) {
        this.identity = new IdentityClient(port);
        this.meters = meters;
        this.users = users;
        this.encoder = encoder;
    }

    @Test
    void wrongPasswordsFromOneAddressEarnA429AndThenTheRightPasswordIsRefusedTheSameWay() {
        String user = newUser();
        Map<String, String> from = from(newAddress());
        double throttled = throttled("login", "account-and-address");
        for (int i = 0; i < 3; i++) {
            assertThat(location(identity.postLogin(user, "guess-" + i, from))).isEqualTo("/login?error");
        }
        double failures = logins("failure");
        double successes = logins("success");

        HttpResponse<String> wrong = identity.postLogin(user, "guess-3", from);
        HttpResponse<String> right = identity.postLogin(user, PASSWORD, from);

        for (HttpResponse<String> refused : List.of(wrong, right)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(retryAfter(refused)).isBetween(1L, 3L);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(refused.body()).contains("Too many failed sign-ins for user &#39;" + user
                    + "&#39; from this address: retry in").doesNotContain(PASSWORD);
        }
        assertThat(logins("failure")).as("no password was checked").isEqualTo(failures);
        assertThat(logins("success")).isEqualTo(successes);
        assertThat(throttled("login", "account-and-address")).isEqualTo(throttled + 2);
    }

    @Test
    void aCallerThatAsksForJsonGetsAProblem() {
        String user = newUser();
        Map<String, String> from = from(newAddress());
        for (int i = 0; i < 3; i++) {
            identity.postLogin(user, "guess-" + i, from);
        }

        HttpResponse<String> refused = identity.postLogin(user, PASSWORD,
                Map.of("X-Forwarded-For", from.get("X-Forwarded-For"), "Accept", "application/json"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = IdentityClient.readJson(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(problem.get("detail").asString()).startsWith("Too many failed sign-ins for user '" + user + "'");
        assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(retryAfter(refused));
    }

    @Test
    void theSameUserFromAnotherAddressAndAnotherUserFromTheSameAddressStillSignIn() {
        String alice = newUser();
        String bob = newUser();
        Map<String, String> guesser = from(newAddress());
        for (int i = 0; i < 3; i++) {
            identity.postLogin(alice, "guess-" + i, guesser);
        }
        assertThat(identity.postLogin(alice, PASSWORD, guesser).statusCode()).isEqualTo(429);

        assertThat(location(identity.postLogin(alice, PASSWORD, from(newAddress())))).doesNotStartWith("/login");
        assertThat(location(identity.postLogin(bob, PASSWORD, guesser))).doesNotStartWith("/login");
    }

    @Test
    void theRightPasswordWorksAgainOnceTheWaitIsOver() {
        String user = newUser();
        Map<String, String> from = from(newAddress());
        for (int i = 0; i < 3; i++) {
            identity.postLogin(user, "guess-" + i, from);
        }
        assertThat(identity.postLogin(user, PASSWORD, from).statusCode()).isEqualTo(429);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> answer = identity.postLogin(user, PASSWORD, from);
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(location(answer)).doesNotStartWith("/login");
        });
        // the success forgot the failures: two more mistakes are not throttled
        for (int i = 0; i < 2; i++) {
            assertThat(location(identity.postLogin(user, "typo-" + i, from))).isEqualTo("/login?error");
        }
        assertThat(location(identity.postLogin(user, PASSWORD, from))).doesNotStartWith("/login");
    }

    @Test
    void anAddressGuessingAcrossAccountsIsThrottledForEveryAccountButThoseThatSignedInThere() {
        Map<String, String> sprayer = from(newAddress());
        String neighbour = newUser();
        assertThat(location(identity.postLogin(neighbour, PASSWORD, sprayer))).doesNotStartWith("/login");
        for (int i = 0; i < 6; i++) {
            identity.postLogin("nobody-" + UUID.randomUUID(), "guess", sprayer);
        }
        String user = newUser();

        HttpResponse<String> refused = identity.postLogin(user, PASSWORD, sprayer);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-ins from this address");
        assertThat(location(identity.postLogin(user, PASSWORD, from(newAddress())))).doesNotStartWith("/login");
        assertThat(location(identity.postLogin(neighbour, PASSWORD, sprayer))).as("signed in there before")
                .doesNotStartWith("/login");
    }

    @Test
    void distributedGuessingOfOneAccountSlowsItBrieflyButNotWhereItSignedInBefore() {
        String user = newUser();
        Map<String, String> home = from(newAddress());
        assertThat(location(identity.postLogin(user, PASSWORD, home))).doesNotStartWith("/login");
        for (int i = 0; i < 8; i++) {
            identity.postLogin(user, "guess-" + i, from(newAddress()));
        }

        HttpResponse<String> elsewhere = identity.postLogin(user, PASSWORD, from(newAddress()));
        assertThat(elsewhere.statusCode()).isEqualTo(429);
        assertThat(retryAfter(elsewhere)).isLessThanOrEqualTo(6);
        assertThat(elsewhere.body()).contains("from several addresses");

        assertThat(location(identity.postLogin(user, PASSWORD, home))).doesNotStartWith("/login");
    }

    @Test
    void guessingAClientSecretEarnsA429ThatOAuthClientsCanRead() {
        Map<String, String> guesser = from(newAddress());
        double throttled = throttled("token", "account-and-address");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = identity.clientCredentials("orders-service", "guess-" + i, "catalog.read",
                    guesser);
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        HttpResponse<String> right = identity.clientCredentials("orders-service", IdentityClient.ORDERS_SECRET,
                "catalog.read", guesser);

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(retryAfter(right)).isBetween(1L, 3L);
        assertThat(right.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = IdentityClient.readJson(right.body());
        assertThat(body.get("error").asString()).isEqualTo("slow_down");
        assertThat(body.get("error_description").asString())
                .startsWith("Too many failed client authentications for client 'orders-service' from this address");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(right.body()).doesNotContain(IdentityClient.ORDERS_SECRET);
        assertThat(throttled("token", "account-and-address")).isEqualTo(throttled + 1);

        HttpResponse<String> elsewhere = identity.clientCredentials("orders-service", IdentityClient.ORDERS_SECRET,
                "catalog.read", from(newAddress()));
        assertThat(elsewhere.statusCode()).as("orders service elsewhere: %s", elsewhere.body()).isEqualTo(200);
    }

    private String newUser() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);
        users.createUser(User.withUsername(name).password(encoder.encode(PASSWORD)).authorities("ROLE_CUSTOMER")
                .build());
        return name;
    }

    /** A random private address (10.x.y.z): a fresh client address for each call. */
    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("answer to the login form: %s", response.body()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    private double logins(String outcome) {
        Counter counter = meters.find("emporium.security.logins").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double throttled(String endpoint, String reason) {
        Counter counter = meters.find("emporium.security.throttled").tag("endpoint", endpoint).tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
