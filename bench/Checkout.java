/*
 * Checkout benchmark: places orders through the gateway at each concurrency level for a fixed time, then waits for
 * every order to finish and reports, per level, confirmed orders per second and the time from POST to CONFIRMED
 * (client send time to the server's confirmation time, both on this machine).
 *
 *   java bench/Checkout.java [--gateway URL] [--levels 8,16,32 | --rates 10,20,40] [--duration 20] [--target emporium]
 *
 * --levels: closed loop, N clients each placing its next order as soon as the last POST returned. This finds the most
 * the system can take, but orders pile up in the saga when POSTs are faster than the saga, so latency there says
 * little. --rates: open loop, orders placed at a fixed rate (per second) whatever the answers; the latency at a rate
 * the system keeps up with is what a customer sees.
 *
 * Run by bench/checkout.sh, which writes the result to docs/benchmarks.md. A single-file program on purpose: it
 * needs nothing but a JDK (21+).
 *
 * Targets: "emporium" (the saga across services). The hook for the "cost of distribution" comparison is the Target
 * interface: the legacy-shop monolith (one local transaction per checkout) gets a second implementation when it
 * lands, measured by the same loop.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Checkout {

    /** A system that takes orders: how to place one, and how to learn how each of a customer's orders ended. */
    interface Target {
        /** Places one order; returns its id, or null when the system refused it. */
        String place(String customer) throws Exception;

        /** Final state of the customer's orders: id -> (status, time it reached it); unfinished ones absent. */
        Map<String, Outcome> outcomes(String customer) throws Exception;
    }

    record Outcome(String status, Instant at) {
    }

    record Placed(String id, Instant sentAt, long postMillis) {
    }

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The admin's access token, from {@code ./emporium token --user admin} (the standard login flow), obtained again
     * after 4 of its 5 minutes. The admin places the orders on behalf of the bench's customers.
     */
    static final class AdminToken {
        private String token;
        private Instant obtained = Instant.EPOCH;

        synchronized String get() throws Exception {
            if (obtained.isBefore(Instant.now().minus(Duration.ofMinutes(4)))) {
                Process process = new ProcessBuilder("./emporium", "token", "--user", "admin")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
                if (process.waitFor() != 0 || lines.isEmpty()) {
                    throw new IllegalStateException("./emporium token --user admin failed");
                }
                token = lines.getLast().strip();
                obtained = Instant.now();
            }
            return token;
        }
    }

    static final AdminToken admin = new AdminToken();

    /** Emporium: POST /api/orders through the gateway; outcomes from the orders read model. */
    record Emporium(String gateway) implements Target {

        static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
        static final Pattern SUMMARY = Pattern.compile(
                "\"id\":\"([0-9a-f-]{36})\".*?\"status\":\"([A-Z_]+)\".*?\"updatedAt\":\"([^\"]+)\"");

        public String place(String customer) throws Exception {
            int sku = 1 + ThreadLocalRandom.current().nextInt(1000);
            String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"SKU-%06d\",\"quantity\":1}]}"
                    .formatted(sku);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                    .header("Authorization", "Bearer " + admin.get()).header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            Matcher id = ID.matcher(response.body());
            return id.find() ? id.group(1) : null;
        }

        public Map<String, Outcome> outcomes(String customer) throws Exception {
            Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
            for (int page = 0; ; page++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/api/orders?size=100&customer=" + customer + "&page=" + page))
                        .header("Authorization", "Bearer " + admin.get()).build(),
                        HttpResponse.BodyHandlers.ofString());
                String body = response.body();
                int start = body.indexOf("\"content\":[") + 11;
                List<String> orders = splitObjects(body.substring(start));
                for (String order : orders) {
                    Matcher m = SUMMARY.matcher(order);
                    if (m.find() && (m.group(2).equals("CONFIRMED") || m.group(2).equals("CANCELLED"))) {
                        outcomes.put(m.group(1), new Outcome(m.group(2), Instant.parse(m.group(3))));
                    }
                }
                if (orders.size() < 100) {
                    return outcomes;
                }
            }
        }

        /** Top-level objects of a JSON array's body (enough for these flat summaries). */
        private static List<String> splitObjects(String array) {
            List<String> objects = new ArrayList<>();
            int depth = 0, start = -1;
            for (int i = 0; i < array.length(); i++) {
                char c = array.charAt(i);
                if (c == '{' && depth++ == 0) {
                    start = i;
                }
                else if (c == '}' && --depth == 0) {
                    objects.add(array.substring(start, i + 1));
                }
                else if (c == ']' && depth == 0) {
                    break;
                }
            }
            return objects;
        }
    }

    public static void main(String[] args) throws Exception {
        String gateway = option(args, "--gateway", "http://127.0.0.1:8080");
        int seconds = Integer.parseInt(option(args, "--duration", "20"));
        String targetName = option(args, "--target", "emporium");
        List<Integer> levels = numbers(option(args, "--levels", ""));
        List<Integer> rates = numbers(option(args, "--rates", ""));
        if (levels.isEmpty() && rates.isEmpty()) {
            levels = List.of(8, 16, 32);
        }
        if (!targetName.equals("emporium")) {
            throw new IllegalArgumentException("unknown target " + targetName + " (legacy-shop comes with the strangler work)");
        }
        Target target = new Emporium(gateway);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        for (int rate : rates) {
            measureRate(target, run, rate, Duration.ofSeconds(seconds));
        }
        for (int level : levels) {
            measure(target, run, level, Duration.ofSeconds(seconds));
        }
    }

    static List<Integer> numbers(String list) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : list.split(",")) {
            if (!number.isBlank()) {
                numbers.add(Integer.parseInt(number.trim()));
            }
        }
        return numbers;
    }

    /** Open loop: one order every 1/rate s for the duration, each on its own virtual thread (at most 1,000 at once). */
    static void measureRate(Target target, String run, int rate, Duration duration) throws Exception {
        List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> customerOf = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        Semaphore inFlight = new Semaphore(1000);
        long total = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String customer = "bench-" + run + "-r" + rate + "-" + (i % 16);
                if (!inFlight.tryAcquire()) {
                    refused.incrementAndGet();
                    continue;
                }
                clients.submit(() -> {
                    try {
                        placeOne(target, customer, placed, customerOf, refused);
                    }
                    finally {
                        inFlight.release();
                    }
                });
            }
        }
        report("rate=" + rate, target, placed, customerOf, refused);
    }

    static void placeOne(Target target, String customer, List<Placed> placed, Map<String, String> customerOf,
            AtomicInteger refused) {
        Instant sent = Instant.now();
        long t0 = System.nanoTime();
        try {
            String id = target.place(customer);
            if (id == null) {
                refused.incrementAndGet();
                return;
            }
            placed.add(new Placed(id, sent, (System.nanoTime() - t0) / 1_000_000));
            customerOf.put(id, customer);
        }
        catch (Exception ex) {
            refused.incrementAndGet();
        }
    }

    /** Closed loop: {@code concurrency} clients, each placing its next order when its last POST returned. */
    static void measure(Target target, String run, int concurrency, Duration duration) throws Exception {
        List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> customerOf = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        Instant end = Instant.now().plus(duration);
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                String customer = "bench-" + run + "-" + concurrency + "-" + w;
                workers.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        placeOne(target, customer, placed, customerOf, refused);
                    }
                    return null;
                });
            }
        }
        report("concurrency=" + concurrency, target, placed, customerOf, refused);
    }

    /** Waits until every placed order has finished, then prints one RESULT line. */
    static void report(String level, Target target, List<Placed> placed, Map<String, String> customerOf,
            AtomicInteger refused) throws Exception {
        // wait (at most 3 minutes) until every placed order has finished
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        Instant giveUp = Instant.now().plusSeconds(180);
        List<String> customers = customerOf.values().stream().distinct().toList();
        while (outcomes.size() < placed.size() && Instant.now().isBefore(giveUp)) {
            for (String customer : customers) {
                outcomes.putAll(target.outcomes(customer));
            }
            if (outcomes.size() < placed.size()) {
                Thread.sleep(500);
            }
        }
        List<Long> latencies = new ArrayList<>();
        Instant first = null, last = null;
        int confirmed = 0, cancelled = 0;
        List<Long> posts = new ArrayList<>();
        for (Placed order : placed) {
            posts.add(order.postMillis());
            first = first == null || order.sentAt().isBefore(first) ? order.sentAt() : first;
            Outcome outcome = outcomes.get(order.id());
            if (outcome == null) {
                continue;
            }
            if (outcome.status().equals("CONFIRMED")) {
                confirmed++;
                latencies.add(Duration.between(order.sentAt(), outcome.at()).toMillis());
                last = last == null || outcome.at().isAfter(last) ? outcome.at() : last;
            }
            else {
                cancelled++;
            }
        }
        double seconds = first == null || last == null ? 1 : Duration.between(first, last).toMillis() / 1000.0;
        System.out.printf("RESULT %s placed=%d refused=%d confirmed=%d cancelled=%d unfinished=%d "
                + "confirmed_per_s=%.1f confirm_p50_ms=%d confirm_p99_ms=%d confirm_max_ms=%d post_p50_ms=%d post_p99_ms=%d%n",
                level, placed.size(), refused.get(), confirmed, cancelled,
                placed.size() - confirmed - cancelled, confirmed / seconds, percentile(latencies, 50),
                percentile(latencies, 99), percentile(latencies, 100), percentile(posts, 50), percentile(posts, 99));
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
