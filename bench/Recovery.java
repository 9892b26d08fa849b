/*
 * Recovery benchmark: a steady read load on the catalog through the gateway while one catalog instance is killed
 * (SIGKILL, as `./emporium kill` does), and what the client saw: how many requests failed, and how long until the
 * latency was back to normal (several instances) or until the service answered again (one instance).
 *
 *   java bench/Recovery.java --kill-pid PID [--gateway URL] [--rate 100] [--duration 40] [--kill-at 10]
 *   java bench/Recovery.java --duration 15 --kill-at 15        # warm-up only: nobody is killed, nothing reported
 *
 * Open loop: requests leave at a fixed rate whatever the answers, each on its own virtual thread, so a stalled
 * request never holds the next ones back (what a crowd of users does). Every request is recorded with the time it
 * was sent, its latency and its outcome.
 *
 * Printed, one line starting with RESULT (read by bench/recovery.sh):
 *   requests, errors (any non-200 or no answer), baseline_p50_ms / baseline_p99_ms (before the kill),
 *   first_error_after_kill_ms / last_error_after_kill_ms,
 *   serving_again_ms: from the kill to the first request sent after the last failure (every later one succeeded),
 *   normal_again_ms: from the kill to the start of the first 1 s window from which on every window's p99 is at most
 *   max(2 x baseline p99, baseline p99 + 20 ms).
 * A single-file program on purpose: it needs nothing but a JDK (21+).
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

public class Recovery {

    /** One request: when it left (ns since the start), how long it took (ns), whether it got a 200. */
    record Sample(long sentAt, long latency, boolean ok) {
    }

    public static void main(String[] args) throws Exception {
        String gateway = option(args, "--gateway", "http://127.0.0.1:8080");
        int rate = Integer.parseInt(option(args, "--rate", "100"));
        int duration = Integer.parseInt(option(args, "--duration", "40"));
        int killAt = Integer.parseInt(option(args, "--kill-at", "10"));
        long pid = Long.parseLong(option(args, "--kill-pid", "0"));
        if (pid <= 0 && killAt < duration) {
            throw new IllegalArgumentException("--kill-pid PID is required: the instance to kill");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long killTime = -1;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long n = 0; ; n++) {
                long due = start + n * interval;
                if (due - start >= TimeUnit.SECONDS.toNanos(duration)) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                if (killTime < 0 && due - start >= TimeUnit.SECONDS.toNanos(killAt)) {
                    ProcessHandle victim = ProcessHandle.of(pid)
                            .orElseThrow(() -> new IllegalStateException("no process " + pid));
                    victim.destroyForcibly();
                    killTime = System.nanoTime() - start;
                    System.err.printf("bench: killed pid %d at %.1f s%n", pid, killTime / 1e9);
                }
                clients.submit(() -> samples.add(get(http, gateway, start)));
            }
        }
        if (killTime < 0) {
            System.out.printf("WARMUP requests=%d errors=%d%n", samples.size(),
                    samples.stream().filter(s -> !s.ok()).count());
            return;
        }
        report(new ArrayList<>(samples), killTime);
    }

    private static Sample get(HttpClient http, String gateway, long start) {
        long sent = System.nanoTime();
        boolean ok;
        try {
            int id = ThreadLocalRandom.current().nextInt(1, 1001);
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/catalog/products/" + id))
                    .timeout(Duration.ofSeconds(10)).build();
            ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (Exception ex) {
            ok = false;
        }
        return new Sample(sent - start, System.nanoTime() - sent, ok);
    }

    private static void report(List<Sample> samples, long killTime) {
        samples.sort(Comparator.comparingLong(Sample::sentAt));
        List<Long> before = samples.stream().filter(s -> s.sentAt() < killTime && s.ok()).map(Sample::latency)
                .sorted().toList();
        long p50 = percentile(before, 0.50);
        long p99 = percentile(before, 0.99);
        List<Sample> after = samples.stream().filter(s -> s.sentAt() >= killTime).toList();
        long errors = samples.stream().filter(s -> !s.ok()).count();
        long firstError = after.stream().filter(s -> !s.ok()).mapToLong(Sample::sentAt).min().orElse(-1);
        long lastError = after.stream().filter(s -> !s.ok()).mapToLong(Sample::sentAt).max().orElse(-1);
        long servingAgain = lastError < 0 ? 0
                : after.stream().filter(s -> s.sentAt() > lastError).mapToLong(Sample::sentAt).min().orElse(-1)
                        - killTime;
        long limit = Math.max(2 * p99, p99 + TimeUnit.MILLISECONDS.toNanos(20));
        long window = TimeUnit.SECONDS.toNanos(1);
        long end = samples.getLast().sentAt();
        long normalAgain = -1;
        for (long from = killTime; from < end; from += window) {
            boolean normalFromHere = true;
            for (long w = from; w < end; w += window) {
                long lo = w;
                List<Long> latencies = samples.stream().filter(s -> s.sentAt() >= lo && s.sentAt() < lo + window)
                        .map(s -> s.ok() ? s.latency() : Long.MAX_VALUE).sorted().toList();
                if (!latencies.isEmpty() && percentile(latencies, 0.99) > limit) {
                    normalFromHere = false;
                    break;
                }
            }
            if (normalFromHere) {
                normalAgain = from - killTime;
                break;
            }
        }
        System.out.printf("RESULT requests=%d errors=%d baseline_p50_ms=%.1f baseline_p99_ms=%.1f "
                        + "first_error_after_kill_ms=%s last_error_after_kill_ms=%s serving_again_ms=%s "
                        + "normal_again_ms=%s%n",
                samples.size(), errors, p50 / 1e6, p99 / 1e6, millis(firstError, killTime),
                millis(lastError, killTime), servingAgain < 0 ? "never" : String.valueOf(servingAgain / 1_000_000),
                normalAgain < 0 ? "never" : String.valueOf(normalAgain / 1_000_000));
    }

    private static String millis(long at, long killTime) {
        return at < 0 ? "none" : String.valueOf((at - killTime) / 1_000_000);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
