package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.emporium.runner.Workspace;
import io.emporium.runner.logs.LogFileName;
import picocli.CommandLine;

/** {@code ./emporium logs} on sample files: two services (one with a rotated file) and Kafka's plain log. */
class LogsCommandTest {

    private static final String TRACE = "6b08173e682c7730e8f837598aa597a3";
    private static final String OTHER = "0af7651916cd43dd8448eb211c80319c";
    /** Three hours ago, so that --since 1h keeps only the last lines. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));

    @TempDir
    Path home;

    private Path logs;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String ecs(Duration at, String level, String service, String message, String traceId) {
        return "{\"@timestamp\":\"" + START.plus(at) + "\",\"log\":{\"level\":\"" + level + "\",\"logger\":"
                + "\"io.emporium." + service + ".Demo\"},\"service\":{\"name\":\"" + service + "\",\"node\":{\"name\":\""
                + service + "-1\"}},\"message\":\"" + message + "\""
                + (traceId == null ? "" : ",\"trace.id\":\"" + traceId + "\",\"span.id\":\"47a79d100137afe9\"") + "}\n";
    }

    @BeforeEach
    void writeSampleLogs() throws Exception {
        logs = home.resolve("var/logs");
        Files.createDirectories(logs);
        String rotated = new LogFileName("orders-1", "jsonl", null, 0).rotated(START.plus(Duration.ofMinutes(10)), 0)
                .fileName();
        Files.writeString(logs.resolve(rotated),
                ecs(Duration.ZERO, "INFO", "orders", "placing order", TRACE)
                        + ecs(Duration.ofMinutes(1), "DEBUG", "orders", "old debug", OTHER));
        Files.writeString(logs.resolve("orders-1.jsonl"),
                ecs(Duration.ofMinutes(170), "WARN", "orders", "stock is low", TRACE)
                        + ecs(Duration.ofMinutes(175), "INFO", "orders", "order confirmed", TRACE));
        Files.writeString(logs.resolve("payments-1.jsonl"),
                ecs(Duration.ofSeconds(5), "INFO", "payments", "payment authorized", TRACE)
                        + ecs(Duration.ofMinutes(172), "ERROR", "payments", "provider is down", null));
        Files.writeString(logs.resolve("kafka.log"),
                START.plus(Duration.ofMinutes(2)) + " INFO  Kafka Server started (kafka.server.KafkaRaftServer)\n"
                        + START.plus(Duration.ofMinutes(173)) + " WARN  [QuorumController id=1] slow (Controller)\n");
    }

    @Test
    void traceShowsThatTracesLinesOfEveryServiceInTimeOrderRotatedFilesIncluded() {
        int exit = run("logs", "--trace", TRACE);

        assertThat(exit).isZero();
        List<String> printed = out.toString().lines().toList();
        assertThat(printed).allSatisfy(line -> assertThat(line).endsWith("[trace " + TRACE + "]"));
        assertThat(printed.getFirst()).contains("orders-1", "INFO", "i.e.o.Demo");
        assertThat(messages()).containsExactly("placing order", "payment authorized", "stock is low",
                "order confirmed");
    }

    @Test
    void levelShowsThatLevelAndMoreSevereFromEveryPart() {
        int exit = run("logs", "--level", "warn");

        assertThat(exit).isZero();
        assertThat(messages()).containsExactly("stock is low", "provider is down",
                "kafka        | " + START.plus(Duration.ofMinutes(173)) + " WARN  [QuorumController id=1] slow "
                        + "(Controller)");
    }

    @Test
    void allFiltersCombine() {
        assertThat(run("logs", "--service", "orders", "--level", "WARN", "--since", "1h")).isZero();
        assertThat(messages()).containsExactly("stock is low");

        assertThat(run("logs", "--trace", TRACE, "-n", "2")).isZero();
        assertThat(messages()).containsExactly("stock is low", "order confirmed");

        assertThat(run("logs", "--trace", TRACE, "--grep", "PAYMENT", "--level", "INFO")).isZero();
        assertThat(messages()).containsExactly("payment authorized");

        assertThat(run("logs", "--service", "payments,kafka", "--since", "2h")).isZero();
        assertThat(messages()).containsExactly("provider is down",
                "kafka        | " + START.plus(Duration.ofMinutes(173)) + " WARN  [QuorumController id=1] slow "
                        + "(Controller)");
    }

    @Test
    void followKeepsTheFiltersForNewLines() {
        AtomicInteger polls = new AtomicInteger();
        CommandLine line = commandLine();
        LogsCommand logsCommand = line.getSubcommands().get("logs").getCommand();
        logsCommand.keepFollowing = () -> {
            if (polls.incrementAndGet() == 1) {
                append("orders-1.jsonl", ecs(Duration.ofMinutes(176), "ERROR", "orders", "saga failed", TRACE)
                        + ecs(Duration.ofMinutes(177), "ERROR", "orders", "another trace", OTHER));
                append("payments-1.jsonl", ecs(Duration.ofMinutes(178), "DEBUG", "payments", "too fine", TRACE));
                return true;
            }
            return false;
        };

        int exit = line.execute("logs", "--trace", TRACE, "--level", "INFO", "--follow");

        assertThat(exit).isZero();
        assertThat(messages()).containsExactly("placing order", "payment authorized", "stock is low",
                "order confirmed", "saga failed");
    }

    @Test
    void saysSoWhenNothingMatches() {
        int exit = run("logs", "--trace", "00000000000000000000000000000001");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).containsExactly(
                "emporium: no line matches trace 00000000000000000000000000000001 in var/logs (4 files)");
    }

    @Test
    void rejectsAnUnknownLevelOrAMalformedTraceIdInOneLine() {
        assertThat(run("logs", "--level", "LOUD")).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly("emporium: not a log level: 'LOUD' (one of TRACE, DEBUG, INFO, WARN, ERROR)");

        err.getBuffer().setLength(0);
        assertThat(run("logs", "--trace", "trace-1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("emporium: not a trace id: 'trace-1'");
    }

    @Test
    void documentsTheFilters() {
        String usage = commandLine().getSubcommands().get("logs").getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");

        assertThat(usage).contains("--trace=ID", "--level=LEVEL", "TRACE < DEBUG < INFO < WARN < ERROR",
                "Rotated files");
    }

    /** The message of each JSON line printed, other lines as printed; what was printed before is forgotten. */
    private List<String> messages() {
        List<String> lines = out.toString().lines()
                .map(line -> line.contains("  [trace ") ? line.substring(0, line.indexOf("  [trace ")) : line)
                .map(line -> line.startsWith("kafka ") ? line : line.substring(line.indexOf("Demo  ") + 6))
                .toList();
        out.getBuffer().setLength(0);
        return lines;
    }

    private void append(String file, String text) {
        try {
            Files.writeString(logs.resolve(file), text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CommandLine commandLine() {
        CommandLine line = EmporiumCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        CommandHarness.inWorkspace(line.getSubcommands().get("logs"), new Workspace(home));
        return line;
    }

    private int run(String... args) {
        return commandLine().execute(args);
    }
}
