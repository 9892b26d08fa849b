package io.emporium.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash consistency under load: while orders arrive at a steady rate through the gateway, SIGKILL one part after the
 * other (the PostgreSQL postmaster, the Kafka broker, the saga's participants), each once the one before is back;
 * then, within a deadline, check what "nothing lost" means:
 * <ul>
 * <li>every order that got a 201 reached CONFIRMED or CANCELLED (none lost, none stuck);</li>
 * <li>stock is conserved per sku: what left the shelf is exactly what confirmed orders took, nothing stays
 * reserved;</li>
 * <li>every CONFIRMED order has its payment CAPTURED, every CAPTURED payment belongs to a CONFIRMED order, every
 * cancelled order that was authorized is VOIDED or REFUNDED; the provider's ledger has no order with two holds or
 * two charges;</li>
 * <li>no message is left unprocessed outside the dead-letter topics: every outbox is empty (but for quarantined
 * rows) and every consumer group has read every topic to its end. Dead-lettered messages are counted and shown.</li>
 * </ul>
 * The orders are placed by the admin for customers of this run ({@code chaos-<run>-<n>}, some of them
 * {@code decline-}, {@code unshippable-} and {@code nocapture-} ones, so compensations run under the crashes too), on
 * skus no other test uses, so the stock check sees this run alone. A client retries a POST that failed or timed out
 * with the same Idempotency-Key, as a real client would.
 *
 * <p>Used by {@link CrashConsistencySystemTest} (a short run in CI) and by {@code bench/chaos.sh} (the full run,
 * written to docs/benchmarks.md):
 * <pre>java ... io.emporium.system.CrashConsistency --rate 10 --faults postgres,kafka,orders,inventory,payments,shipping</pre>
 */
public final class CrashConsistency {

    /** Skus of this harness alone: nothing else orders them. */
    static final List<String> SKUS = java.util.stream.IntStream.rangeClosed(801, 820)
            .mapToObj(n -> String.format("SKU-%06d", n)).toList();
    static final List<String> SERVICE_DATABASES = List.of("orders", "inventory", "payments", "shipping",
            "notifications");
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5433/";
    private static final String KAFKA = "127.0.0.1:9092";
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * @param rate    orders per second, offered whatever the answers (open loop)
     * @param warmup  load before the first fault
     * @param settle  load after a killed part is ready again, before the next fault
     * @param faults  parts to SIGKILL, one at a time: {@code postgres}, {@code kafka}, or a service (its instance 1)
     * @param drain   how long every accepted order may take to finish after the load stops, and then the messages
     */
    public record Settings(double rate, Duration warmup, Duration settle, List<String> faults, Duration drain) {

        public Settings {
            faults = List.copyOf(faults);
        }
    }

    /** One SIGKILL and how long until the part was ready again, and until orders were confirmed again. */
    public record Fault(String part, long pid, Instant killedAt, Duration readyAgain, Duration confirmingAgain) {
    }

    /** What a run did and found; {@link #holds()} when every invariant held. */
    public record Report(Settings settings, int offered, int accepted, int refused, int givenUp, int confirmed,
                         int cancelled, List<String> unfinished, Map<String, Long> stockDrift,
                         List<String> moneyViolations, List<String> doubleCharges, Map<String, Long> unprocessed,
                         Map<String, Long> deadLettered, List<Fault> faults, Duration finishedWithin) {

        public boolean holds() {
            return unfinished.isEmpty() && stockDrift.values().stream().allMatch(drift -> drift == 0)
                    && moneyViolations.isEmpty() && doubleCharges.isEmpty()
                    && unprocessed.values().stream().allMatch(count -> count == 0)
                    && faults.stream().allMatch(fault -> fault.readyAgain() != null);
        }

        /** The result as Markdown: the invariants, then one row per fault. */
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append("| orders offered | accepted (201) | refused (4xx) | given up | confirmed | cancelled "
                    + "| lost or unfinished | double charges | money rules broken | stock drift (units) "
                    + "| unprocessed messages | dead-lettered | all finished within |\n");
            out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n",
                    offered, accepted, refused, givenUp, confirmed, cancelled, unfinished.size(),
                    doubleCharges.size(), moneyViolations.size(),
                    stockDrift.values().stream().mapToLong(Math::abs).sum(),
                    unprocessed.values().stream().mapToLong(Long::longValue).sum(),
                    deadLettered.values().stream().mapToLong(Long::longValue).sum(), seconds(finishedWithin)));
            out.append("\n| SIGKILL | ready again after | orders confirmed again after |\n|---|---:|---:|\n");
            for (Fault fault : faults) {
                out.append("| ").append(fault.part()).append(" | ").append(seconds(fault.readyAgain())).append(" | ")
                        .append(seconds(fault.confirmingAgain())).append(" |\n");
            }
            List<String> details = new ArrayList<>();
            unfinished.stream().limit(10).forEach(order -> details.add("unfinished: " + order));
            moneyViolations.stream().limit(10).forEach(rule -> details.add("money: " + rule));
            doubleCharges.stream().limit(10).forEach(charge -> details.add("double charge: " + charge));
            stockDrift.forEach((sku, drift) -> {
                if (drift != 0) {
                    details.add("stock drift: " + sku + " " + drift);
                }
            });
            unprocessed.forEach((where, count) -> {
                if (count != 0) {
                    details.add("unprocessed: " + where + " " + count);
                }
            });
            deadLettered.forEach((topic, count) -> details.add("dead-lettered: " + topic + " " + count));
            if (!details.isEmpty()) {
                out.append('\n');
                details.forEach(line -> out.append("- ").append(line).append('\n'));
            }
            return out.toString();
        }

        private static String seconds(Duration duration) {
            return duration == null ? "never" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
    }

    private final Settings settings;
    private final Path home;
    private final Supplier<String> adminToken;
    private final String run = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** The admin's token, renewed in the background: a login fails while identity's database is being killed. */
    private volatile String token;

    /**
     * @param home       the checkout whose system runs ({@code var/run/state.json} names the parts' pids)
     * @param adminToken a valid admin access token whenever asked (tokens live 5 minutes)
     */
    public CrashConsistency(Settings settings, Path home, Supplier<String> adminToken) {
        this.settings = settings;
        this.home = home;
        this.adminToken = adminToken;
    }

    /** Runs the load with its faults, waits for everything to finish, and checks the invariants. */
    public Report run() throws Exception {
        token = adminToken.get();
        Thread renewal = Thread.ofPlatform().name("chaos-token").daemon().start(this::renewToken);
        Map<String, long[]> stockBefore = stock();
        Map<String, Long> deadLettersBefore = deadLetterEnds();
        Instant started = Instant.now();
        Load load = new Load();
        load.start();
        List<Fault> faults = new ArrayList<>();
        try {
            pause(settings.warmup());
            for (String part : settings.faults()) {
                faults.add(kill(part));
                pause(settings.settle());
            }
        }
        finally {
            load.stop();
            renewal.interrupt();
        }
        Instant loadEnded = Instant.now();
        log("load stopped: " + load.offered.get() + " offered, " + load.accepted.size() + " accepted; answers "
                + new TreeMap<>(load.answers) + "; waiting for every order to finish");
        Instant deadline = loadEnded.plus(settings.drain());
        List<String> unfinished = awaitFinished(deadline);
        Duration finishedWithin = unfinished.isEmpty() ? Duration.between(loadEnded, Instant.now()) : null;
        Map<String, Long> unprocessed = awaitMessagesProcessed(Instant.now().plus(Duration.ofSeconds(90)));
        Map<String, String> outcomes = outcomes();
        List<String> lost = new ArrayList<>(unfinished);
        load.accepted.keySet().stream().filter(id -> !outcomes.containsKey(id)).map(id -> id + " (no such order)")
                .forEach(lost::add);
        List<Fault> measured = faults.stream().map(fault -> new Fault(fault.part(), fault.pid(), fault.killedAt(),
                fault.readyAgain(), confirmingAgain(fault.killedAt()))).toList();
        Report report = new Report(settings, load.offered.get(), load.accepted.size(), load.refused.get(),
                load.givenUp.get(), (int) outcomes.values().stream().filter("CONFIRMED"::equals).count(),
                (int) outcomes.values().stream().filter("CANCELLED"::equals).count(), lost,
                stockDrift(stockBefore, outcomes), moneyViolations(outcomes), doubleCharges(), unprocessed,
                deadLettered(deadLettersBefore), measured, finishedWithin);
        log("run " + run + " took " + Duration.between(started, Instant.now()).toSeconds() + " s");
        return report;
    }

    /** Every 2 minutes a new token (they live 5); a failed login is tried again after 5 s, the old token kept. */
    private void renewToken() {
        Duration wait = Duration.ofMinutes(2);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(wait);
            }
            catch (InterruptedException ex) {
                return;
            }
            try {
                token = adminToken.get();
                wait = Duration.ofMinutes(2);
            }
            catch (RuntimeException | AssertionError ex) {
                log("cannot log in as admin now (" + ex.getMessage() + "); trying again in 5 s");
                wait = Duration.ofSeconds(5);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- load

    /**
     * Open-loop orders at the settings' rate, each POST retried with its key (backing off exponentially with jitter
     * up to {@link #MAX_BACKOFF}, or as long as Retry-After says) until 201, a 4xx, or {@link #GIVE_UP_AFTER}. The whole
     * load is one client of the gateway (the admin's token), limited like any other: retrying harder would only
     * measure the rate limit.
     */
    private final class Load {

        final AtomicInteger offered = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger givenUp = new AtomicInteger();
        final Map<String, Instant> accepted = new ConcurrentHashMap<>();
        /** How each attempt was answered: HTTP status, or the exception when there was no answer. */
        final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        private final ExecutorService orders = Executors.newVirtualThreadPerTaskExecutor();
        private volatile boolean running = true;
        private Thread pacer;

        void start() {
            long interval = (long) (1_000_000_000L / settings.rate());
            pacer = Thread.ofPlatform().name("chaos-load").daemon().start(() -> {
                long next = System.nanoTime();
                while (running) {
                    int n = offered.incrementAndGet();
                    orders.submit(() -> place(n));
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            pacer.join();
            orders.shutdown();
            if (!orders.awaitTermination(90, TimeUnit.SECONDS)) {
                orders.shutdownNow();
            }
        }

        private void place(int n) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int kind = random.nextInt(100);
            String customer = (kind < 6 ? "decline-" : kind < 10 ? "unshippable-" : kind < 14 ? "nocapture-" : "")
                    + "chaos-" + run + "-" + (n % 25);
            String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"" + SKUS.get(random.nextInt(
                    SKUS.size())) + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}]}";
            String key = "chaos-" + run + "-" + n;
            Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
            long backoff = 500;
            while (Instant.now().isBefore(giveUp)) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(Api.GATEWAY + "/api/orders"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .timeout(Duration.ofSeconds(10)).POST(BodyPublishers.ofString(body)).build(),
                            BodyHandlers.ofString());
                    int status = response.statusCode();
                    answers.computeIfAbsent(Integer.toString(status), code -> new AtomicInteger()).incrementAndGet();
                    if (status == 201 || status == 200) {
                        accepted.put(JSON.readTree(response.body()).get("id").asString(), Instant.now());
                        return;
                    }
                    if (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429) {
                        refused.incrementAndGet();
                        log("refused " + key + ": " + status + " " + response.body());
                        return;
                    }
                    long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(0);
                    backoff = Math.max(backoff, retryAfter * 1000);
                }
                catch (IOException | RuntimeException ex) {
                    // no answer: the order may or may not exist; the same key makes the retry safe
                    answers.computeIfAbsent(ex.getClass().getSimpleName(), code -> new AtomicInteger())
                            .incrementAndGet();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                // full jitter: the orders waiting out an outage do not come back all at once
                LockSupport.parkNanos(Duration.ofMillis(backoff / 2 + random.nextLong(backoff / 2 + 1)).toNanos());
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
            givenUp.incrementAndGet();
        }
    }

    // ----------------------------------------------------------------------------------------------- faults

    /** SIGKILLs the part's process and waits until the supervisor has it ready again (a new pid). */
    private Fault kill(String part) throws IOException, InterruptedException {
        String id = part.equals("postgres") || part.equals("kafka") || part.equals("zipkin") ? part : part + "#1";
        long pid = partPid(id).orElseThrow(() -> new IllegalStateException(id + " has no running process"));
        Instant killedAt = Instant.now();
        Emporium.signal(pid, "KILL");
        log("SIGKILL " + id + " (pid " + pid + ")");
        Instant deadline = killedAt.plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> state = partState(id);
            if (state.isPresent() && state.get().path("pid").asLong() != pid
                    && state.get().path("status").asString().equals("READY")) {
                Duration ready = Duration.between(killedAt, Instant.now());
                log(id + " ready again after " + ready.toMillis() + " ms");
                return new Fault(id, pid, killedAt, ready, null);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        log(id + " was not ready again within 180 s");
        return new Fault(id, pid, killedAt, null, null);
    }

    private Optional<Long> partPid(String id) throws IOException {
        return partState(id).map(state -> state.path("pid").asLong()).filter(pid -> pid > 0);
    }

    private Optional<JsonNode> partState(String id) throws IOException {
        Path file = home.resolve("var/run/state.json");
        JsonNode state;
        try {
            state = JSON.readTree(Files.readString(file));
        }
        catch (RuntimeException ex) {
            return Optional.empty(); // replaced while read: next time
        }
        for (JsonNode part : state.path("parts")) {
            if (part.path("id").asString().equals(id)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    // ----------------------------------------------------------------------------------------------- checks

    /** This run's orders that are not CONFIRMED or CANCELLED once the deadline passed (empty when all finished). */
    private List<String> awaitFinished(Instant deadline) throws SQLException {
        List<String> unfinished = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, String> outcomes = outcomes();
                unfinished = outcomes.entrySet().stream()
                        .filter(order -> !order.getValue().equals("CONFIRMED") && !order.getValue().equals("CANCELLED"))
                        .map(order -> order.getKey() + " (" + order.getValue() + ")").toList();
                if (unfinished.isEmpty()) {
                    return unfinished;
                }
            }
            catch (SQLException ex) {
                log("orders database not answering yet: " + ex.getMessage());
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        return new ArrayList<>(outcomes().entrySet().stream()
                .filter(order -> !order.getValue().equals("CONFIRMED") && !order.getValue().equals("CANCELLED"))
                .map(order -> order.getKey() + " (" + order.getValue() + ")").toList());
    }

    /** Every order of this run, by id, with its status from its event stream (the source of truth). */
    private Map<String, String> outcomes() throws SQLException {
        Map<String, String> outcomes = new HashMap<>();
        try (Connection orders = connect("orders"); PreparedStatement query = orders.prepareStatement("""
                select e.order_id::text, (array_agg(e.type order by e.version desc))[1]
                from order_event e
                where e.order_id in (select order_id from order_event
                                     where type = 'OrderPlaced' and payload->>'customerId' like ?)
                group by e.order_id""")) {
            query.setString(1, "%chaos-" + run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    outcomes.put(rows.getString(1), status(rows.getString(2)));
                }
            }
        }
        return outcomes;
    }

    private static String status(String lastEvent) {
        return switch (lastEvent) {
            case "OrderConfirmed" -> "CONFIRMED";
            case "OrderCancelled" -> "CANCELLED";
            default -> "after " + lastEvent;
        };
    }

    /** From the kill until the first order placed after it was confirmed, by the event store's clock. */
    private Duration confirmingAgain(Instant killedAt) {
        try (Connection orders = connect("orders"); PreparedStatement query = orders.prepareStatement("""
                select min(c.recorded_at) from order_event p join order_event c on c.order_id = p.order_id
                where p.type = 'OrderPlaced' and c.type = 'OrderConfirmed' and p.recorded_at > ?
                  and p.payload->>'customerId' like ?""")) {
            query.setTimestamp(1, Timestamp.from(killedAt));
            query.setString(2, "chaos-" + run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                Timestamp first = rows.getTimestamp(1);
                return first == null ? null : Duration.between(killedAt, first.toInstant());
            }
        }
        catch (SQLException ex) {
            return null;
        }
    }

    /** available, reserved, shipped per sku of the harness. */
    private Map<String, long[]> stock() throws SQLException {
        Map<String, long[]> stock = new TreeMap<>();
        try (Connection inventory = connect("inventory"); PreparedStatement query = inventory.prepareStatement(
                "select sku, available, reserved, shipped from stock_level where sku = any(?)")) {
            query.setArray(1, inventory.createArrayOf("varchar", SKUS.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stock.put(rows.getString(1), new long[] { rows.getLong(2), rows.getLong(3), rows.getLong(4) });
                }
            }
        }
        return stock;
    }

    /**
     * Per sku, how far the stock is from what this run's confirmed orders explain: units that left the shelf but no
     * confirmed order took (or the reverse), and units still reserved once every order finished.
     */
    private Map<String, Long> stockDrift(Map<String, long[]> before, Map<String, String> outcomes) throws SQLException {
        Map<String, Long> taken = new HashMap<>();
        List<String> confirmed = outcomes.entrySet().stream().filter(order -> order.getValue().equals("CONFIRMED"))
                .map(Map.Entry::getKey).toList();
        try (Connection orders = connect("orders"); PreparedStatement query = orders.prepareStatement("""
                select line->>'sku', sum((line->>'quantity')::int)
                from order_event, jsonb_array_elements(payload->'lines') line
                where type = 'OrderPlaced' and order_id::text = any(?) group by 1""")) {
            query.setArray(1, orders.createArrayOf("text", confirmed.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    taken.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        Map<String, long[]> after = stock();
        Map<String, Long> drift = new TreeMap<>();
        for (String sku : SKUS) {
            long[] was = before.get(sku);
            long[] is = after.get(sku);
            long units = taken.getOrDefault(sku, 0L);
            drift.put(sku, Math.abs(was[0] - is[0] - units) + Math.abs(is[2] - was[2] - units)
                    + Math.abs(is[1] - was[1]));
        }
        return drift;
    }

    /** The payment rules, per order of this run. */
    private List<String> moneyViolations(Map<String, String> outcomes) throws SQLException {
        Map<String, String> payments = new HashMap<>();
        try (Connection db = connect("payments"); PreparedStatement query = db.prepareStatement(
                "select order_id, status from payment where customer_id like ?")) {
            query.setString(1, "%chaos-" + run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    payments.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        List<String> violations = new ArrayList<>();
        outcomes.forEach((order, status) -> {
            String payment = payments.get(order);
            if (status.equals("CONFIRMED") && !"CAPTURED".equals(payment)) {
                violations.add(order + " is CONFIRMED but its payment is " + payment);
            }
            if (status.equals("CANCELLED") && ("CAPTURED".equals(payment) || "AUTHORIZED".equals(payment))) {
                violations.add(order + " is CANCELLED but its payment is " + payment);
            }
        });
        payments.forEach((order, payment) -> {
            if (payment.equals("CAPTURED") && !"CONFIRMED".equals(outcomes.get(order))) {
                violations.add("payment of " + order + " is CAPTURED but the order is " + outcomes.get(order));
            }
        });
        return violations;
    }

    /** Orders of this run with more than one hold or more than one charge at the provider. */
    private List<String> doubleCharges() throws SQLException {
        List<String> doubles = new ArrayList<>();
        try (Connection db = connect("payments")) {
            if (!tableExists(db, "provider_ledger")) {
                log("payments has no provider_ledger: the provider's holds cannot be counted");
                return doubles;
            }
            try (PreparedStatement query = db.prepareStatement("""
                    select order_id, operation, count(*) from provider_ledger
                    where operation in ('AUTHORIZE', 'CAPTURE')
                      and order_id in (select order_id from payment where customer_id like ?)
                    group by order_id, operation having count(*) > 1""")) {
                query.setString(1, "%chaos-" + run + "-%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        doubles.add(rows.getString(1) + ": " + rows.getLong(3) + " x " + rows.getString(2));
                    }
                }
            }
        }
        return doubles;
    }

    /**
     * Waits until every outbox is empty (quarantined rows aside) and every consumer group has read every topic but
     * the dead-letter ones to its end; returns what is still left when the deadline passed (zeros when nothing).
     */
    private Map<String, Long> awaitMessagesProcessed(Instant deadline) throws Exception {
        Map<String, Long> left = unprocessed();
        while (left.values().stream().anyMatch(count -> count != 0) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            left = unprocessed();
        }
        return left;
    }

    private Map<String, Long> unprocessed() throws Exception {
        Map<String, Long> left = new TreeMap<>();
        for (String database : SERVICE_DATABASES) {
            try (Connection db = connect(database); var statement = db.createStatement()) {
                boolean quarantine = columnExists(db, "outbox_message", "quarantined_at");
                try (ResultSet rows = statement.executeQuery("select count(*) from outbox_message"
                        + (quarantine ? " where quarantined_at is null" : ""))) {
                    rows.next();
                    left.put("outbox of " + database, rows.getLong(1));
                }
            }
        }
        try (Admin admin = admin()) {
            Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(10, TimeUnit.SECONDS);
            for (GroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().stream().filter(partition -> !partition.topic().endsWith(".DLT"))
                        .forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata read = committed.get(end.getKey());
                    lag += end.getValue().offset() - (read == null ? 0 : read.offset());
                }
                left.put("lag of group " + group.groupId(), lag);
            }
        }
        return left;
    }

    /** The end offset of every dead-letter topic, summed over partitions. */
    private Map<String, Long> deadLetterEnds() throws Exception {
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(topics.stream().filter(topic -> topic.endsWith(".DLT"))
                    .toList()).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(partition -> latest.put(
                        new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, end) ->
                    ends.merge(partition.topic(), end.offset(), Long::sum));
            return ends;
        }
    }

    /** Messages each dead-letter topic received during the run (only topics that received some). */
    private Map<String, Long> deadLettered(Map<String, Long> before) throws Exception {
        Map<String, Long> received = new LinkedHashMap<>();
        deadLetterEnds().forEach((topic, end) -> {
            long count = end - before.getOrDefault(topic, 0L);
            if (count > 0) {
                received.put(topic, count);
            }
        });
        return received;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                20_000));
    }

    private static Connection connect(String database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(POSTGRES + database, properties);
    }

    private static boolean tableExists(Connection db, String table) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select to_regclass(?) is not null")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static boolean columnExists(Connection db, String table, String column) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select 1 from information_schema.columns where table_name = ? and column_name = ?")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    private static void log(String line) {
        System.err.println("[chaos " + Instant.now() + "] " + line);
    }

    /**
     * {@code --rate 10 --warmup 20 --settle 20 --drain 240 --faults postgres,kafka,orders,inventory,payments,shipping};
     * prints the report's table, exits 1 when an invariant was broken.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Settings settings = new Settings(Double.parseDouble(options.getOrDefault("rate", "10")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "20"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle", "20"))),
                java.util.Arrays.stream(options.getOrDefault("faults",
                        "postgres,kafka,orders,inventory,payments,shipping").split(",")).filter(f -> !f.isBlank())
                        .toList(),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "240"))));
        Report report = new CrashConsistency(settings, Emporium.HOME, () -> Api.token("admin")).run();
        System.out.print(report.table());
        System.out.println(report.holds() ? "RESULT holds" : "RESULT broken");
        System.exit(report.holds() ? 0 : 1);
    }
}
