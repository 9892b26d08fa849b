package io.emporium.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.emporium.system.Api.get;
import static io.emporium.system.Api.idOf;
import static io.emporium.system.Api.json;
import static io.emporium.system.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OWASP API Security Top 10 (2023), one item at a time, tried against the running system as an attacker would:
 * through the gateway, against identity and the registry, and against each service's own port. Each test is named by
 * its item; docs/security.md maps every threat to the test that proves its control. Requests that must come from a
 * client other than the other tests' {@code 127.0.0.1} (to be limited or throttled on their own) are sent from
 * another loopback address ({@link RawHttp}).
 */
@Order(6)
@ExtendWith(RunningSystem.class)
class OwaspApiTop10SystemTest {

    private static final int GATEWAY = 8080;
    private static final int IDENTITY = 9000;
    private static final int REGISTRY = 8761;
    private static final List<Integer> SERVICES = List.of(8081, 8082, 8083, 8084, 8085, 8086, 9000, 8761, 8080);

    // ---- API1: broken object level authorization -------------------------------------------------------------------

    @Test
    void api1_brokenObjectLevelAuthorization_anotherCustomersOrderAndEverythingAboutItDoesNotExistForThem() {
        String id = idOf(Api.placeOrder("alice", "SKU-000311", 1));
        Api.awaitFinal(id, Duration.ofSeconds(60));
        String bob = token("bob");

        for (String path : List.of("/api/orders/" + id, "/api/orders/" + id + "/details", "/api/payments/orders/" + id,
                "/api/shipping/orders/" + id, "/api/inventory/reservations/" + id)) {
            HttpResponse<String> asBob = get(path, bob);
            assertThat(asBob.statusCode()).as(path).isIn(403, 404);
            assertThat(asBob.body()).as(path).doesNotContain("alice");
        }
        // a list filtered by someone else's id gives nothing away either
        HttpResponse<String> notifications = get("/api/notifications?order=" + id, bob);
        assertThat(notifications.statusCode()).isIn(200, 403, 404);
        assertThat(notifications.body()).doesNotContain(id.substring(0, 8)).doesNotContain("alice");
        assertThat(get("/api/orders", bob).body()).doesNotContain(id);
    }

    // ---- API2: broken authentication --------------------------------------------------------------------------------

    @Test
    void api2_brokenAuthentication_passwordGuessingIsThrottledWithoutLockingTheRealUserOut() throws Exception {
        String attacker = "127.0.0.8";
        LoginPage page = LoginPage.open(attacker);
        RawHttp.Response refused = null;
        int attempts = 0;
        while (refused == null && attempts < 12) {
            attempts++;
            RawHttp.Response answer = page.submit("alice", "guess-" + attempts);
            assertThat(answer.status()).as("attempt %d", attempts).isIn(302, 303, 429);
            if (answer.status() == 429) {
                refused = answer;
            }
            else {
                assertThat(answer.header("Location").orElse("")).as("a wrong password is an error").contains("error");
            }
        }
        assertThat(refused).as("throttled within 12 wrong passwords").isNotNull();
        assertThat(refused.header("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        // during the backoff even the right password is refused the same way: no oracle, no bcrypt spent
        assertThat(page.submit("alice", "alice-dev-only").status()).isEqualTo(429);
        // alice herself, from her own address, is not locked out
        assertThat(Api.newToken("alice")).isNotBlank();
        // and once the backoff is over the right password works again from the attacker's address too
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            RawHttp.Response answer = LoginPage.open(attacker).submit("alice", "alice-dev-only");
            assertThat(answer.status()).isIn(302, 303);
            assertThat(answer.header("Location").orElse("")).doesNotContain("error");
        });
    }

    @Test
    void api2_brokenAuthentication_clientSecretGuessingAtTheTokenEndpointIsThrottled() {
        String attacker = "127.0.0.9";
        RawHttp.Response last = null;
        for (int attempt = 1; attempt <= 30 && (last == null || last.status() != 429); attempt++) {
            String basic = java.util.Base64.getEncoder().encodeToString(("orders-service:guess-" + attempt)
                    .getBytes(StandardCharsets.UTF_8));
            last = RawHttp.send(attacker, IDENTITY, "POST /oauth2/token HTTP/1.1\r\nAuthorization: Basic " + basic
                    + "\r\nContent-Type: application/x-www-form-urlencoded",
                    "grant_type=client_credentials&scope=catalog.read".getBytes(StandardCharsets.UTF_8));
            assertThat(last.status()).isIn(401, 429);
        }
        assertThat(last.status()).as("throttled within 30 wrong secrets").isEqualTo(429);
        assertThat(last.header("Retry-After")).isPresent();
        assertThat(last.body()).contains("error");
    }

    @Test
    void api2_brokenAuthentication_nobodyRegistersAnInstanceWithoutTheServicesCredentials() {
        String rogue = "{\"instance\":{\"instanceId\":\"rogue-orders\",\"hostName\":\"127.0.0.1\",\"app\":\"ORDERS\","
                + "\"ipAddr\":\"127.0.0.1\",\"status\":\"UP\",\"port\":{\"$\":9999,\"@enabled\":\"true\"},"
                + "\"dataCenterInfo\":{\"@class\":\"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo\",\"name\":\"MyOwn\"}}}";
        RawHttp.Response anonymous = RawHttp.send("127.0.0.1", REGISTRY, "POST /eureka/apps/ORDERS HTTP/1.1\r\n"
                + "Content-Type: application/json", rogue.getBytes(StandardCharsets.UTF_8));
        assertThat(anonymous.status()).isEqualTo(401);
        RawHttp.Response guessed = RawHttp.send("127.0.0.1", REGISTRY, "POST /eureka/apps/ORDERS HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nAuthorization: Basic " + java.util.Base64.getEncoder()
                        .encodeToString("orders:orders".getBytes(StandardCharsets.UTF_8)),
                rogue.getBytes(StandardCharsets.UTF_8));
        assertThat(guessed.status()).isEqualTo(401);
        // a service's own login (DEV ONLY) registers only that service, never another under its name
        RawHttp.Response impostor = RawHttp.send("127.0.0.1", REGISTRY, "POST /eureka/apps/CATALOG HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nAuthorization: Basic " + java.util.Base64.getEncoder()
                        .encodeToString("orders:orders-registry-dev-only".getBytes(StandardCharsets.UTF_8)),
                rogue.replace("ORDERS", "CATALOG").getBytes(StandardCharsets.UTF_8));
        assertThat(impostor.status()).isEqualTo(403);
        assertThat(RawHttp.get("127.0.0.1", REGISTRY, "/eureka/apps/ORDERS").status()).isEqualTo(401);
        for (String app : List.of("ORDERS", "CATALOG")) {
            RawHttp.Response listed = RawHttp.get("127.0.0.1", REGISTRY, "/eureka/apps/" + app,
                    "Authorization: " + Api.REGISTRY_READER, "Accept: application/json");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain("9999").doesNotContain("rogue");
        }
        // the real orders instance is still the only one the gateway routes to
        assertThat(get("/api/orders", token("alice")).statusCode()).isEqualTo(200);
    }

    // ---- API3: broken object property level authorization ------------------------------------------------------------

    @Test
    void api3_brokenObjectPropertyLevelAuthorization_aCustomerCannotOrderForAnotherOrSetWhatOnlyTheSystemSets() {
        String forBob = "{\"customerId\":\"bob\",\"items\":[{\"sku\":\"SKU-000312\",\"quantity\":1}]}";
        HttpResponse<String> asAlice = Api.placeOrder(UUID.randomUUID().toString(), token("alice"), forBob);
        assertThat(asAlice.statusCode()).isEqualTo(403);
        assertThat(asAlice.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        String withStatus = "{\"status\":\"CONFIRMED\",\"total\":0,\"items\":[{\"sku\":\"SKU-000312\",\"quantity\":1}]}";
        HttpResponse<String> smuggled = Api.placeOrder(UUID.randomUUID().toString(), token("alice"), withStatus);
        assertThat(smuggled.statusCode()).as(smuggled.body()).isEqualTo(400);
        assertThat(smuggled.body()).contains("status");
    }

    @Test
    void api3_brokenObjectPropertyLevelAuthorization_healthTellsTheAnonymousCallerOnlyTheStatus() {
        for (int port : SERVICES) {
            RawHttp.Response health = RawHttp.get("127.0.0.1", port, "/actuator/health");
            assertThat(health.status()).as("port %d", port).isEqualTo(200);
            JsonNode body = json.readTree(health.body());
            // the status, and the names of the probe groups at most: no components, details or exception messages
            assertThat(body.propertyNames()).as("port %d: %s", port, health.body()).contains("status")
                    .isSubsetOf("status", "groups");
            assertThat(RawHttp.get("127.0.0.1", port, "/actuator/health/readiness").body()).as("port %d", port)
                    .doesNotContain("components").doesNotContain("details");
        }
        HttpResponse<String> asAdmin = Api.send(Api.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8082/actuator/health")), token("admin")).build());
        assertThat(json.readTree(asAdmin.body()).has("components")).as(asAdmin.body()).isTrue();
    }

    // ---- API4: unrestricted resource consumption ---------------------------------------------------------------------

    @Test
    void api4_unrestrictedResourceConsumption_badTokensAreLimitedByAddressBeforeAnyIsVerified() {
        String attacker = "127.0.0.10";
        RawHttp.Response limited = null;
        for (int i = 0; i < 3_000 && limited == null; i++) {
            RawHttp.Response answer = RawHttp.get(attacker, GATEWAY, "/api/orders",
                    "Authorization: Bearer " + forgedToken());
            assertThat(answer.status()).isIn(401, 429);
            if (answer.status() == 429) {
                limited = answer;
            }
        }
        assertThat(limited).as("bad tokens from one address are limited").isNotNull();
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(limited.header("Content-Type")).hasValue("application/problem+json");

        // the budget refills (50 a second), so some of the next requests are checked again, and refused 401; but
        // every 429 was answered without a look at the token: only the 401s show as failed verifications
        double verifiedBefore = gatewayMetric("emporium_security_events_total");
        long start = System.nanoTime();
        int checked = 0;
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            int status = RawHttp.get(attacker, GATEWAY, "/api/orders", "Authorization: Bearer " + forgedToken()).status();
            assertThat(status).isIn(401, 429);
            if (status == 401) {
                checked++;
            }
            else {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused).as("most are refused unread").isGreaterThan(checked);
        assertThat(checked).as("no more checked than the budget refills in %.1f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(50 * seconds) + 10);
        assertThat(gatewayMetric("emporium_security_events_total") - verifiedBefore).as("verified tokens")
                .isEqualTo(checked);
        // spoofing X-Forwarded-For from an untrusted address does not make a new client
        // (were the header believed, each made-up address would have a full budget and every token would be checked)
        int spoofedRefused = 0;
        for (int i = 0; i < 200; i++) {
            spoofedRefused += RawHttp.get(attacker, GATEWAY, "/api/orders", "Authorization: Bearer " + forgedToken(),
                    "X-Forwarded-For: 203.0.113." + (i % 250)).status() == 429 ? 1 : 0;
        }
        assertThat(spoofedRefused).as("spoofed requests refused like the attacker's own").isGreaterThan(100);
        // other clients are not affected
        assertThat(RawHttp.get("127.0.0.11", GATEWAY, "/api/catalog/products/1").status()).isEqualTo(200);
        assertThat(get("/api/orders", token("alice")).statusCode()).isEqualTo(200);
    }

    @Test
    void api4_unrestrictedResourceConsumption_oversizedBodiesPagesAndListsAreRefused() {
        String huge = "{\"items\":[" + "{\"sku\":\"SKU-000042\",\"quantity\":1},".repeat(60_000) + "{}]}";
        HttpResponse<String> tooBig = Api.placeOrder(UUID.randomUUID().toString(), token("alice"), huge);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(get("/api/catalog/products?size=100000", null).statusCode()).isEqualTo(400);
        HttpResponse<String> tooManyLines = Api.placeOrder(UUID.randomUUID().toString(), token("alice"),
                "{\"items\":[" + "{\"sku\":\"SKU-000042\",\"quantity\":1},".repeat(200) + "{\"sku\":\"SKU-000042\",\"quantity\":1}]}");
        assertThat(tooManyLines.statusCode()).isEqualTo(400);
    }

    @Test
    void api4_unrestrictedResourceConsumption_aStormOfUnknownKeyIdsFetchesTheKeysAtMostOncePerService() {
        double before = identityJwksRequests();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int port = List.of(8082, 8083, 8084).get(i % 3);
                answers.add(clients.submit(() -> RawHttp.get("127.0.0.1", port, "/api/orders",
                        "Authorization: Bearer " + forgedToken()).status()));
            }
            answers.forEach(answer -> assertThat(join(answer)).isEqualTo(401));
        }
        // three services, each refreshes at most once in its interval (and may have been due for one already)
        assertThat(identityJwksRequests() - before).isLessThanOrEqualTo(6);
    }

    // ---- API5: broken function level authorization --------------------------------------------------------------------

    @Test
    void api5_brokenFunctionLevelAuthorization_adminFunctionsAndManagementEndpointsNeedAnAdmin() {
        String alice = token("alice");
        List<HttpRequest> adminOnly = List.of(
                post(Api.GATEWAY + "/api/orders/admin/read-model/rebuild", alice),
                post(Api.GATEWAY + "/api/payments/" + UUID.randomUUID() + "/refund", alice),
                post(Api.IDENTITY + "/admin/keys/rotate", alice),
                HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/inventory/stock/SKU-000042"))
                        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"available\":1}")).build());
        for (HttpRequest request : adminOnly) {
            assertThat(Api.send(request).statusCode()).as(request.uri().toString()).isEqualTo(403);
        }
        for (int port : SERVICES) {
            for (String endpoint : List.of("/actuator/env", "/actuator/loggers", "/actuator/chaos")) {
                String url = "http://127.0.0.1:" + port + endpoint;
                assertThat(RawHttp.get("127.0.0.1", port, endpoint).status()).as(url).isIn(401, 404);
                if (port != REGISTRY) {
                    assertThat(Api.send(Api.authorized(HttpRequest.newBuilder(URI.create(url)), alice).build())
                            .statusCode()).as(url).isIn(403, 404);
                }
            }
        }
        assertThat(Api.send(Api.authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8082/actuator/loggers")),
                token("admin")).build()).statusCode()).isEqualTo(200);
        assertThat(RawHttp.get("127.0.0.1", REGISTRY, "/").status()).as("the registry's dashboard").isEqualTo(401);
    }

    // ---- API6: unrestricted access to sensitive business flows ----------------------------------------------------------

    @Test
    void api6_sensitiveBusinessFlows_anOrderIsPlacedOnceHoweverOftenItIsSentAndNeverWithoutAKey() throws Exception {
        String body = "{\"items\":[{\"sku\":\"SKU-000313\",\"quantity\":1}]}";
        HttpResponse<String> withoutKey = Api.send(Api.authorized(HttpRequest.newBuilder(
                URI.create(Api.GATEWAY + "/api/orders")), token("alice")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)).build());
        assertThat(withoutKey.statusCode()).isEqualTo(400);

        String key = "owasp-api6-" + UUID.randomUUID();
        Set<String> ids = new HashSet<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(clients.submit(() -> Api.placeOrder(key, token("alice"), body)));
            }
            for (Future<HttpResponse<String>> answer : sent) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 409);
                if (response.statusCode() != 409) {
                    ids.add(json.readTree(response.body()).get("id").asString());
                }
            }
        }
        assertThat(ids).hasSize(1);
        // the same key with another body is a conflict, not a second order
        assertThat(Api.placeOrder(key, token("alice"), body.replace("\"quantity\":1", "\"quantity\":2")).statusCode())
                .isIn(409, 422);
    }

    // ---- API7: server side request forgery -----------------------------------------------------------------------------

    @Test
    void api7_serverSideRequestForgery_noRequestMakesTheSystemCallAnAddressOfTheCallersChoosing() {
        for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:5433/",
                "http://127.0.0.1:8761/eureka/apps")) {
            RawHttp.Response absolute = RawHttp.send("127.0.0.1", GATEWAY, "GET " + target + " HTTP/1.1", new byte[0]);
            assertThat(absolute.status()).as(target).isIn(400, 401, 404);
        }
        RawHttp.Response hostHeader = RawHttp.get("127.0.0.1", GATEWAY, "/api/catalog/products/1",
                "Host: evil.example:80");
        assertThat(hostHeader.status()).isIn(200, 400, 404);
        assertThat(hostHeader.body()).doesNotContain("evil.example");
        // identity redirects only to registered redirect URIs
        RawHttp.Response authorize = RawHttp.get("127.0.0.1", IDENTITY, "/oauth2/authorize?response_type=code"
                + "&client_id=emporium-cli&redirect_uri=http://evil.example/cb&code_challenge=abc"
                + "&code_challenge_method=S256&scope=openid");
        assertThat(authorize.status()).isIn(400, 401, 302);
        assertThat(authorize.header("Location").orElse("")).doesNotStartWith("http://evil.example");
    }

    // ---- API8: security misconfiguration ---------------------------------------------------------------------------

    @Test
    void api8_securityMisconfiguration_errorsRevealNoInternalsAndNothingAnswersTraceOrWithoutItsToken() throws Exception {
        HttpResponse<String> malformed = Api.placeOrder(UUID.randomUUID().toString(), token("alice"), "{\"items\":[{");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("jackson");

        for (int port : SERVICES) {
            RawHttp.Response trace = RawHttp.send("127.0.0.1", port, "TRACE /api/catalog/products HTTP/1.1\r\n"
                    + "X-Secret: echo-me", new byte[0]);
            assertThat(trace.status()).as("TRACE on %d", port).isIn(400, 401, 403, 404, 405);
            assertThat(trace.body()).doesNotContain("echo-me");
        }
        RawHttp.Response response = RawHttp.get("127.0.0.1", GATEWAY, "/api/catalog/products/1");
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");

        // the runner's control channel answers nobody without the control token, not even its state
        JsonNode state = json.readTree(Files.readString(Emporium.HOME.resolve("var/run/state.json")));
        int control = state.get("controlPort").asInt();
        assertThat(RawHttp.get("127.0.0.1", control, "/state").status()).isIn(401, 403);
        assertThat(RawHttp.get("127.0.0.1", control, "/state", "X-Emporium-Token: guessed").status()).isIn(401, 403);
    }

    // ---- API9: improper inventory management ---------------------------------------------------------------------------

    @Test
    void api9_improperInventoryManagement_onlyThePublishedApiIsReachableThroughTheGateway() {
        for (String path : List.of("/eureka/apps", "/internal/orders", "/api/v0/orders", "/api/orders/..%2f..%2factuator%2fenv",
                "/api/catalog/../../actuator/env", "/api/catalog/actuator/env", "/swagger-ui.html", "/v3/api-docs",
                "/api/orders/actuator/health")) {
            RawHttp.Response answer = RawHttp.get("127.0.0.1", GATEWAY, path);
            assertThat(answer.status()).as(path).isIn(400, 401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain("\"propertySources\"").doesNotContain("<applications");
        }
    }

    // ---- API10: unsafe consumption of APIs -------------------------------------------------------------------------------

    @Test
    void api10_unsafeConsumption_aMalformedMessageFromAPeerIsSetAsideAndHarmsNobody() throws Exception {
        String key = "owasp-api10-" + UUID.randomUUID();
        List<String> garbage = List.of("not json at all", "{\"type\":\"PaymentAuthorized\",\"orderId\":\"x\"}",
                "{\"specversion\":\"1.0\",\"type\":\"io.emporium.payments.PaymentAuthorized\",\"data\":{\"orderId\":"
                        + "\"00000000-0000-0000-0000-000000000000\",\"amount\":-1e300}}");
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> send = new KafkaProducer<>(producer)) {
            for (String value : garbage) {
                send.send(new ProducerRecord<>("payments.payment-events", key, value)).get();
            }
            // a well-formed envelope claiming to be a payment event, whose data is not one
            ProducerRecord<String, String> forged = new ProducerRecord<>("payments.payment-events", key,
                    "{\"orderId\":[1,2],\"amount\":\"lots\"}");
            for (String[] header : List.of(new String[] { "ce_specversion", "1.0" },
                    new String[] { "ce_type", "payments.PaymentAuthorized" }, new String[] { "ce_id", key },
                    new String[] { "ce_source", "/rogue" }, new String[] { "ce_subject", UUID.randomUUID().toString() },
                    new String[] { "ce_time", java.time.Instant.now().toString() },
                    new String[] { "content-type", "application/json" })) {
                forged.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
            }
            send.send(forged).get();
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "owasp-api10-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(consumer)) {
            deadLetters.subscribe(List.of("payments.payment-events.DLT"));
            List<String> setAside = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        setAside.add(record.value());
                    }
                }
                assertThat(setAside).hasSize(garbage.size() + 1);
            });
        }
        // the consumer that received them still works: a new order goes through the whole saga
        assertThat(Api.awaitFinal(idOf(Api.placeOrder("alice", "SKU-000314", 1)), Duration.ofSeconds(60))
                .get("status").asString()).isEqualTo("CONFIRMED");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A JWT-shaped token under a key id nobody published: its signature is never worth checking. */
    private static String forgedToken() {
        String header = base64Url("{\"alg\":\"RS256\",\"kid\":\"" + UUID.randomUUID() + "\"}");
        String payload = base64Url("{\"sub\":\"admin\",\"iss\":\"http://localhost:9000\",\"aud\":\"emporium-api\"}");
        return header + "." + payload + "." + base64Url(UUID.randomUUID().toString());
    }

    private static String base64Url(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest post(String url, String token) {
        return Api.authorized(HttpRequest.newBuilder(URI.create(url)), token).POST(BodyPublishers.noBody()).build();
    }

    private static double gatewayMetric(String name) {
        return metric("http://127.0.0.1:8080/actuator/prometheus", name, "");
    }

    private static double identityJwksRequests() {
        // identity serves its JWKS from a filter, which Micrometer records without a route: successful GETs under
        // uri UNKNOWN. While this test runs nobody else GETs such pages (logins and tokens are POSTs or redirects).
        return metric("http://127.0.0.1:9000/actuator/prometheus", "http_server_requests_seconds_count",
                "method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"UNKNOWN\"");
    }

    /** The sum of a Prometheus metric's series whose labels contain {@code labelFilter}. */
    private static double metric(String url, String name, String labelFilter) {
        HttpResponse<String> scrape = Api.send(HttpRequest.newBuilder(URI.create(url)).build());
        assertThat(scrape.statusCode()).as(url).isEqualTo(200);
        Matcher series = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(scrape.body());
        double sum = 0;
        while (series.find()) {
            if (series.group(1) == null ? labelFilter.isEmpty() : series.group(1).contains(labelFilter)) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Identity's login page, opened from one client address: its session cookie and CSRF token. */
    private record LoginPage(String client, String cookie, String csrf) {

        static LoginPage open(String client) {
            RawHttp.Response page = RawHttp.get(client, IDENTITY, "/login");
            assertThat(page.status()).isEqualTo(200);
            String cookie = page.header("Set-Cookie").map(c -> c.split(";")[0]).orElse("");
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                    .matcher(page.body());
            return new LoginPage(client, cookie, csrf.find() ? (csrf.group(1) != null ? csrf.group(1) : csrf.group(2)) : "");
        }

        RawHttp.Response submit(String user, String password) {
            String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf;
            return RawHttp.send(client, IDENTITY, "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                    + (cookie.isEmpty() ? "" : "\r\nCookie: " + cookie), form.getBytes(StandardCharsets.UTF_8));
        }
    }
}
