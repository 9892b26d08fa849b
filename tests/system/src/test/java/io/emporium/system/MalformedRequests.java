package io.emporium.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A fuzz run against every public endpoint of the running system: requests generated from a seed, each one
 * malformed on purpose (bad paths, ids, query values, headers, tokens and bodies), sent through the gateway, to
 * identity, and to each service's own port (where no rate limit stands in front of the validation), from several
 * loopback addresses (so the gateway's per-address limits neither hide the services nor spill onto other clients).
 * <p>
 * What must hold: no answer is a 5xx (nor a dropped connection), nothing was changed (orders, idempotency keys,
 * reservations, stock, payments, the payment provider's ledger, shipments, notifications, users, clients and keys
 * are counted in the databases before and after), and none of the passwords or client secrets the run sent appears
 * in any log file. {@link #main} runs it against a running system ({@code bench/fuzz.sh});
 * {@code MalformedRequestFuzzSystemTest} in CI.
 */
final class MalformedRequests {

    /** One generated request. */
    record Probe(String endpoint, String client, int port, String head, byte[] body) {

        String describe() {
            String body = new String(this.body, StandardCharsets.UTF_8);
            return client + " -> :" + port + " " + head.replace("\r\n", " | ")
                    + (body.isEmpty() ? "" : " || " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    record Report(long seed, int sent, Map<String, Map<String, Integer>> statusesByEndpoint, List<String> serverErrors,
            Map<String, String> stateChanges, List<String> secretsInLogs, Duration took) {

        boolean holds() {
            return serverErrors.isEmpty() && stateChanges.isEmpty() && secretsInLogs.isEmpty();
        }

        String table() {
            StringBuilder table = new StringBuilder("| endpoint | requests | 2xx | 3xx | 4xx | 5xx | no answer |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            Map<String, Integer> totals = new TreeMap<>();
            statusesByEndpoint.forEach((endpoint, statuses) -> {
                int requests = statuses.values().stream().mapToInt(Integer::intValue).sum();
                table.append("| `").append(endpoint).append("` | ").append(requests);
                for (String kind : List.of("2xx", "3xx", "4xx", "5xx", "none")) {
                    int count = statuses.getOrDefault(kind, 0);
                    totals.merge(kind, count, Integer::sum);
                    table.append(" | ").append(count);
                }
                table.append(" |\n");
            });
            table.append("| **all** | **").append(sent).append("**");
            for (String kind : List.of("2xx", "3xx", "4xx", "5xx", "none")) {
                table.append(" | **").append(totals.getOrDefault(kind, 0)).append("**");
            }
            table.append(" |\n\n");
            table.append("Seed ").append(seed).append(", ").append(took.toSeconds()).append(" s. Server errors: ")
                    .append(serverErrors.size()).append(". State changed: ")
                    .append(stateChanges.isEmpty() ? "nothing" : stateChanges).append(". Secrets in logs: ")
                    .append(secretsInLogs.size()).append(".\n");
            serverErrors.stream().limit(20).forEach(error -> table.append("- ").append(error).append('\n'));
            return table.toString();
        }
    }

    private static final int GATEWAY = 8080;
    private static final int IDENTITY = 9000;
    private static final String EXISTING_SKU = "SKU-000042";

    private final long seed;
    private final int count;
    private final Path home;
    private final Supplier<String> customerToken;
    private final Supplier<String> adminToken;
    /** Marks every password and client secret this run sends: none may reach a log. */
    private final String secretMarker = "fz" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    MalformedRequests(long seed, int count, Path home, Supplier<String> customerToken, Supplier<String> adminToken) {
        this.seed = seed;
        this.count = count;
        this.home = home;
        this.customerToken = customerToken;
        this.adminToken = adminToken;
    }

    Report run() throws Exception {
        Map<String, String> before = awaitQuietState();
        Map<Path, Long> logOffsets = logSizes();
        Random random = new Random(seed);
        List<Probe> probes = new ArrayList<>(count);
        String customer = customerToken.get();
        String admin = adminToken.get();
        for (int i = 0; i < count; i++) {
            probes.add(generate(random, i, customer, admin));
        }
        Map<String, Map<String, Integer>> statuses = new ConcurrentHashMap<>();
        List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong started = new AtomicLong(System.nanoTime());
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            for (Probe probe : probes) {
                sent.add(clients.submit(() -> {
                    String kind;
                    try {
                        RawHttp.Response response = RawHttp.send(probe.client(), probe.port(), probe.head(), probe.body());
                        kind = response.status() / 100 + "xx";
                        if (response.status() < 400 && !probe.head().startsWith("GET ")) {
                            serverErrors.add("accepted (" + response.status() + ") " + probe.describe() + " => "
                                    + response.body().substring(0, Math.min(300, response.body().length())));
                        }
                        if (response.status() >= 500) {
                            serverErrors.add(response.status() + " for " + probe.describe() + " => "
                                    + response.body().substring(0, Math.min(300, response.body().length())));
                        }
                    }
                    catch (RuntimeException ex) {
                        kind = "none";
                        serverErrors.add("no answer (" + ex.getCause() + ") for " + probe.describe());
                    }
                    statuses.computeIfAbsent(probe.endpoint(), e -> new ConcurrentHashMap<>()).merge(kind, 1, Integer::sum);
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started.get());
        Map<String, String> after = awaitQuietState();
        Map<String, String> changes = new LinkedHashMap<>();
        before.forEach((what, value) -> {
            if (!value.equals(after.get(what))) {
                changes.put(what, value + " -> " + after.get(what));
            }
        });
        return new Report(seed, probes.size(), new TreeMap<>(statuses), List.copyOf(serverErrors), changes,
                secretsInLogs(logOffsets), took);
    }

    // ---- generation ------------------------------------------------------------------------------------------------

    private Probe generate(Random random, int i, String customer, String admin) {
        // 32 client addresses: the gateway's per-address budgets are per fuzz client, not shared with other tests
        String client = "127.0.0." + (32 + i % 32);
        int kind = random.nextInt(100);
        if (kind < 30) {
            return readThroughGateway(random, client, customer, admin);
        }
        if (kind < 45) {
            return placeOrder(random, client, customer, admin, random.nextBoolean() ? GATEWAY : 8082);
        }
        if (kind < 52) {
            return restock(random, client, customer, admin, random.nextBoolean() ? GATEWAY : 8083);
        }
        if (kind < 57) {
            return refundOrRebuild(random, client, customer, admin);
        }
        if (kind < 75) {
            return readDirect(random, client, customer, admin);
        }
        return identity(random, client, customer);
    }

    private static final List<String> READ_PATHS = List.of("/api/catalog/products", "/api/catalog/products/{id}",
            "/api/catalog/products/sku/{sku}", "/api/catalog/categories", "/api/orders", "/api/orders/{uuid}",
            "/api/orders/{uuid}/details", "/api/inventory/stock/{sku}", "/api/inventory/stock",
            "/api/inventory/reservations/{uuid}", "/api/payments/orders/{uuid}", "/api/shipping/orders/{uuid}",
            "/api/notifications");

    private static final Map<String, Integer> SERVICE_PORTS = Map.of("/api/catalog", 8081, "/api/orders", 8082,
            "/api/inventory", 8083, "/api/payments", 8084, "/api/shipping", 8085, "/api/notifications", 8086);

    private Probe readThroughGateway(Random random, String client, String customer, String admin) {
        String template = pick(random, READ_PATHS);
        return new Probe("GET " + template + " (gateway)", client, GATEWAY,
                "GET " + badPath(random, template) + " HTTP/1.1" + badHeaders(random, customer, admin), new byte[0]);
    }

    private Probe readDirect(Random random, String client, String customer, String admin) {
        String template = pick(random, READ_PATHS.stream().filter(p -> !p.endsWith("/details")).toList());
        int port = SERVICE_PORTS.entrySet().stream().filter(e -> template.startsWith(e.getKey())).findFirst()
                .orElseThrow().getValue();
        return new Probe("GET " + template + " (:" + port + ")", client, port,
                "GET " + badPath(random, template) + " HTTP/1.1" + badHeaders(random, customer, admin), new byte[0]);
    }

    /** A path of the template with a malformed id, sku or query. */
    private static String badPath(Random random, String template) {
        String path = template.replace("{id}", pick(random, List.of("0", "-1", "1.5", "99999999999999999999", "abc",
                        "1e9", "0x10", "%00", "1;select", "%zz", "..%2f..%2factuator", "1%0d%0aX-Injected:%201")))
                .replace("{uuid}", pick(random, List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g",
                        "%27%20or%201=1--", UUID.randomUUID() + "%00", "x".repeat(300), "..%2f..%2f", "%c0%ae%c0%ae")))
                .replace("{sku}", pick(random, List.of("sku-lower", "SKU%20000042", "SKU-" + "9".repeat(60), "%00",
                        "SKU-000042%27--", "%F0%9F%92%A5", "..%2F..", "%")));
        return path + pick(random, List.of("", "?size=-1", "?size=abc", "?size=100000", "?page=-5",
                "?page=99999999999", "?size=1.5", "?q=" + "a".repeat(2000), "?category=%00", "?category=../../x",
                "?order=not-a-uuid", "?customer=%27", "?skus=", "?skus=" + "SKU-1,".repeat(500), "?page=1&page=x",
                "?size=%ff", "?q=%"));
    }

    /** The request's remaining header lines (each preceded by CRLF): a token that is sometimes bad, odd extras. */
    private static String badHeaders(Random random, String customer, String admin) {
        StringBuilder headers = new StringBuilder();
        String authorization = pick(random, List.of("", "Bearer " + customer, "Bearer " + admin, "Bearer",
                "Bearer " + "a".repeat(9000), "Bearer x.y.z", "Bearer " + customer.substring(0, customer.length() - 5),
                "Basic Zm9vOmJhcg==", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
                "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLy4uL2V0Yy9wYXNzd2QifQ.e30.AAAA", "bearer " + customer));
        if (!authorization.isEmpty()) {
            headers.append("\r\nAuthorization: ").append(authorization);
        }
        headers.append(pick(random, List.of("", "\r\nAccept: application/xml", "\r\nAccept: */*;q=abc",
                "\r\nX-Forwarded-For: 10.0.0." + random.nextInt(255), "\r\nX-Emporium-Customer: admin",
                "\r\nX-User-Id: admin", "\r\nAccept-Language: %%%", "\r\nRange: bytes=9-1")));
        return headers.toString();
    }

    /** POST /api/orders, always refusable: a bad body, a bad content type, or no Idempotency-Key. */
    private Probe placeOrder(Random random, String client, String customer, String admin, int port) {
        String token = random.nextInt(4) == 0 ? admin : customer;
        String valid = "{\"items\":[{\"sku\":\"" + EXISTING_SKU + "\",\"quantity\":1}]}";
        String body;
        String contentType = "application/json";
        boolean withKey = true;
        switch (random.nextInt(6)) {
            case 0 -> body = valid.replace("\"quantity\":1", "\"quantity\":" + pick(random, List.of("1.5", "0", "-1",
                    "1e20", "99999999999", "\"2\"", "true", "null", "[]", "{}", "2.0000001", "NaN", "0x10", "1_000")));
            case 1 -> body = valid.replace("\"sku\":\"" + EXISTING_SKU + "\"", "\"sku\":" + pick(random, List.of("42",
                    "null", "\"\"", "\"" + "S".repeat(300) + "\"", "\"sku lower\"", "\"SKU-000042\\u0000\"", "[]",
                    "{\"$ne\":null}", "\"' OR 1=1--\"")));
            case 2 -> body = pick(random, List.of("", "{", "{}", "[]", "null", "\"x\"", "{\"items\":[]}",
                    "{\"items\":null}", "{\"items\":{}}", "{\"items\":\"x\"}", valid + "{}", valid + "x",
                    valid.substring(0, valid.length() - 3), "{\"items\":[{\"sku\":\"" + EXISTING_SKU
                            + "\",\"quantity\":1,\"quantity\":2}]}",
                    "{\"items\":[{\"sku\":\"" + EXISTING_SKU + "\",\"quantity\":1}],\"items\":[]}",
                    // a customer may not order for bob; the admin may, but not for a name that is no customer id
                    "{\"customerId\":\"" + (token.equals(admin) ? "%%not a customer id%%" : "bob")
                            + "\",\"items\":[{\"sku\":\"" + EXISTING_SKU + "\",\"quantity\":1}]}",
                    "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                    "{\"items\":[" + ("{\"sku\":\"" + EXISTING_SKU + "\",\"quantity\":1},").repeat(500) + "{}]}"));
            case 3 -> {
                body = valid;
                contentType = pick(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=utf-7", "", "*/*", "application/js0n"));
            }
            case 4 -> {
                body = valid;
                withKey = false;
            }
            default -> body = new String(new byte[] { '{', (byte) 0xC3, (byte) 0x28, '}' }, StandardCharsets.ISO_8859_1);
        }
        String head = "POST /api/orders HTTP/1.1\r\nAuthorization: Bearer " + token
                + (contentType.isEmpty() ? "" : "\r\nContent-Type: " + contentType)
                + (withKey ? "\r\nIdempotency-Key: fuzz-" + UUID.randomUUID() : "");
        return new Probe("POST /api/orders (" + (port == GATEWAY ? "gateway" : ":" + port) + ")", client, port, head,
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** PUT /api/inventory/stock/{sku} with a body that is never a valid count (or as a customer). */
    private Probe restock(Random random, String client, String customer, String admin, int port) {
        boolean asCustomer = random.nextInt(5) == 0;
        String body = asCustomer ? "{\"available\":5}" : pick(random, List.of("{\"available\":1.5}",
                "{\"available\":-1}", "{\"available\":1e30}", "{\"available\":99999999999999999999}",
                "{\"available\":\"many\"}", "{\"available\":null}", "{\"available\":true}", "{\"available\":[1]}",
                "{}", "", "{\"available\":1,\"available\":2}", "{\"available\":5}x", "{\"available\":", "[]"));
        String sku = random.nextInt(4) == 0 ? "sku;drop" : EXISTING_SKU;
        String head = "PUT /api/inventory/stock/" + sku + " HTTP/1.1\r\nAuthorization: Bearer " + (asCustomer ? customer : admin)
                + "\r\nContent-Type: " + (random.nextInt(6) == 0 ? "text/plain" : "application/json");
        return new Probe("PUT /api/inventory/stock/{sku} (" + (port == GATEWAY ? "gateway" : ":" + port) + ")", client,
                port, head, body.getBytes(StandardCharsets.UTF_8));
    }

    private Probe refundOrRebuild(Random random, String client, String customer, String admin) {
        if (random.nextBoolean()) {
            String id = pick(random, List.of(UUID.randomUUID().toString(), "not-a-uuid", "%00", "1"));
            String head = "POST /api/payments/" + id + "/refund HTTP/1.1\r\nAuthorization: Bearer "
                    + (random.nextBoolean() ? customer : admin) + "\r\nContent-Type: application/json";
            return new Probe("POST /api/payments/{id}/refund", client, random.nextBoolean() ? GATEWAY : 8084, head,
                    pick(random, List.of("", "{}", "{\"amount\":-1}", "{\"amount\":1.5e400}", "{")).getBytes(StandardCharsets.UTF_8));
        }
        String head = "POST /api/orders/admin/read-model/rebuild HTTP/1.1\r\nAuthorization: "
                + pick(random, List.of("Bearer " + customer, "Bearer x", "Basic YWRtaW46YWRtaW4="));
        return new Probe("POST /api/orders/admin/read-model/rebuild", client, random.nextBoolean() ? GATEWAY : 8082,
                head, new byte[0]);
    }

    /** Identity: the login form, the token endpoint, authorization requests, user info, the JWKS. */
    private Probe identity(Random random, String client, String customer) {
        String password = secretMarker + "-pw-" + random.nextInt(1_000_000);
        String secret = secretMarker + "-cs-" + random.nextInt(1_000_000);
        return switch (random.nextInt(5)) {
            case 0 -> form(client, "/login", "login", pick(random, List.of(
                    "username=mallory&password=" + password, "username=&password=", "username=" + "a".repeat(5000)
                            + "&password=" + password, "username=mallory%00&password=" + password,
                    "username=mallory&password=" + password + "&_csrf=forged", "password=" + password,
                    "username=%zz&password=%", "username=mallory&username=trudy&password=" + password)), null);
            case 1 -> form(client, "/oauth2/token", "token", pick(random, List.of(
                    "grant_type=client_credentials&scope=catalog.read", "grant_type=password&username=mallory&password="
                            + password, "grant_type=authorization_code&code=forged&code_verifier=x&redirect_uri=http://evil",
                    "grant_type=refresh_token&refresh_token=forged", "grant_type=%00", "", "grant_type="
                            + "x".repeat(5000), "grant_type=client_credentials&client_id=orders-service&client_secret="
                            + secret)), pick(random, List.of("", "orders-service:" + secret, "emporium-cli:" + secret,
                    "%zz:%zz", "nobody:" + secret, ":")));
            case 2 -> new Probe("GET /oauth2/authorize", client, IDENTITY, "GET /oauth2/authorize?" + pick(random, List.of(
                    "response_type=code&client_id=emporium-cli&redirect_uri=http://evil.example/cb&code_challenge=x&code_challenge_method=S256",
                    "response_type=token&client_id=emporium-cli", "client_id=%00", "response_type=code&client_id="
                            + "x".repeat(3000), "response_type=code&client_id=emporium-cli&code_challenge_method=plain&code_challenge=abc",
                    "response_type=code&client_id=emporium-cli&scope=admin%20openid&redirect_uri=javascript:alert(1)",
                    "%%%")) + " HTTP/1.1", new byte[0]);
            case 3 -> new Probe("GET /userinfo", client, IDENTITY, "GET /userinfo HTTP/1.1\r\nAuthorization: " + pick(random,
                    List.of("Bearer x", "Bearer " + customer.substring(1), "Basic " + secret, "Bearer")), new byte[0]);
            default -> new Probe("GET /oauth2/jwks and metadata", client, IDENTITY, "GET " + pick(random, List.of(
                    "/oauth2/jwks?kid=%00", "/.well-known/openid-configuration/../../admin/keys",
                    "/.well-known/oauth-authorization-server?x=" + "y".repeat(3000), "/oauth2/jwks/..;/admin/keys/rotate",
                    "/admin/keys/rotate", "/%2e%2e/%2e%2e/etc/passwd")) + " HTTP/1.1", new byte[0]);
        };
    }

    private static Probe form(String client, String path, String name, String body, String basic) {
        String head = "POST " + path + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                + (basic == null || basic.isEmpty() ? "" : "\r\nAuthorization: Basic "
                        + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        return new Probe("POST " + path, client, IDENTITY, head, body.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    // ---- state and logs --------------------------------------------------------------------------------------------

    private static final Map<String, List<String>> STATE_QUERIES = Map.of(
            "orders", List.of("select count(*) from order_event", "select count(*) from idempotency_key",
                    "select count(*) from order_summary"),
            "inventory", List.of("select count(*), sum(available), sum(reserved), sum(shipped) from stock_level",
                    "select count(*) from reservation"),
            "payments", List.of("select count(*) from payment", "select count(*) from provider_ledger"),
            "shipping", List.of("select count(*) from shipment"),
            "notifications", List.of("select count(*) from notification"),
            "identity", List.of("select count(*) from users", "select count(*) from oauth2_registered_client",
                    "select count(*) from signing_key"));

    /** The counts, once two readings two seconds apart agree (earlier tests' sagas may still be finishing). */
    private static Map<String, String> awaitQuietState() throws Exception {
        Map<String, String> last = state();
        for (int attempt = 0; attempt < 60; attempt++) {
            Thread.sleep(2_000); // a fixed interval between two readings is what "quiet" means here
            Map<String, String> now = state();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the system did not become quiet within 2 minutes: " + last);
    }

    static Map<String, String> state() throws SQLException {
        Map<String, String> state = new TreeMap<>();
        for (Map.Entry<String, List<String>> database : STATE_QUERIES.entrySet()) {
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5433/" + database.getKey(),
                    "postgres", "")) {
                for (String query : database.getValue()) {
                    try (ResultSet row = db.createStatement().executeQuery(query)) {
                        row.next();
                        List<String> values = new ArrayList<>();
                        for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                            values.add(row.getString(column));
                        }
                        state.put(database.getKey() + ": " + query, String.join(",", values));
                    }
                }
            }
        }
        return state;
    }

    private Map<Path, Long> logSizes() throws IOException {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path log : logFiles()) {
            sizes.put(log, Files.size(log));
        }
        return sizes;
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> logs = Files.list(home.resolve("var/logs"))) {
            return logs.filter(Files::isRegularFile).toList();
        }
    }

    /** Log files in which a password or client secret of this run appears (only what was written during the run). */
    private List<String> secretsInLogs(Map<Path, Long> offsets) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path log : logFiles()) {
            long from = offsets.getOrDefault(log, 0L);
            byte[] all = Files.readAllBytes(log);
            String written = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    StandardCharsets.UTF_8);
            if (written.contains(secretMarker)) {
                found.add(log.getFileName().toString());
            }
        }
        return found;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(System.currentTimeMillis())));
        int requests = Integer.parseInt(options.getOrDefault("requests", "10000"));
        Function<String, Supplier<String>> login = user -> () -> Api.token(user);
        Report report = new MalformedRequests(seed, requests, Emporium.HOME, login.apply("alice"), login.apply("admin"))
                .run();
        System.out.print(report.table());
        System.out.println(report.holds() ? "RESULT holds" : "RESULT broken");
        System.exit(report.holds() ? 0 : 1);
    }
}
