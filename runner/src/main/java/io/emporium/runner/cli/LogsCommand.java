package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.emporium.runner.Workspace;
import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.logs.LogFormatter;
import io.emporium.runner.logs.LogLevel;
import io.emporium.runner.logs.LogMerger;
import io.emporium.runner.logs.LogQuery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code logs}: the parts' logs merged in time order, one readable line per event. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints the logs of var/logs merged in time order: time, service-instance, level, logger, "
                + "message and trace id for JSON (ECS) lines; other lines as written, after their source. Rotated "
                + "files (<part>.<yyyyMMdd-HHmmss>.jsonl) are read too, before the live ones. The filters combine:",
                "  ./emporium logs --trace 6b08173e682c7730e8f837598aa597a3",
                "  ./emporium logs --service orders,payments --level WARN --since 1h --follow",
                "Exits 1 when there are no logs, or no line matches (without --follow)."})
final class LogsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommandContext context;

    @Option(names = {"-s", "--service"}, split = ",", paramLabel = "NAME",
            description = "Only these parts: catalog (all instances), catalog#1 or catalog-1, kafka, runner...")
    List<String> services = List.of();

    @Option(names = "--trace", paramLabel = "ID",
            description = "Only the lines of this trace, from every part: the traceId of an error response, or a "
                    + "trace id from Zipkin.")
    String trace;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Only lines of LEVEL or more severe (TRACE < DEBUG < INFO < WARN < ERROR); a stack trace "
                    + "goes with the line that logged it.")
    String level;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written.")
    boolean follow;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only lines containing TEXT (case-insensitive).")
    String grep;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only lines from the last DURATION: 30s, 10m, 2h, 1d.")
    String since;

    @Option(names = {"-n", "--lines"}, paramLabel = "N",
            description = "Only the last N lines (default with --follow: 20, then everything new).")
    Integer lines;

    /** Asked before each poll of --follow; following stops when it says no (tests stop it). */
    BooleanSupplier keepFollowing = () -> true;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        Workspace home = context.workspace();
        Instant from = since == null ? null : Instant.now().minus(Durations.parse(since));
        Integer last = lines != null ? lines : follow ? Integer.valueOf(20) : null;
        LogQuery query = new LogQuery(services, grep, from, last, trace, level == null ? null : LogLevel.parse(level));
        Path directory = home.logsDir();
        Map<String, List<Path>> sources = LogFiles.history(directory, query);
        if (sources.isEmpty() && !follow) {
            err.println("emporium: no logs" + (services.isEmpty() ? "" : " for " + String.join(", ", services))
                    + " in " + home.home().relativize(directory));
            err.flush();
            return 1;
        }
        AtomicLong printed = new AtomicLong();
        LogMerger.query(sources.values(), query, line -> {
            out.println(LogFormatter.format(line));
            printed.incrementAndGet();
        });
        out.flush();
        if (follow) {
            LogPrinter.follow(directory, query.withoutLast(), out, keepFollowing);
            return 0;
        }
        if (printed.get() == 0) {
            err.println("emporium: no line matches" + (trace == null ? "" : " trace " + query.traceId()) + " in "
                    + home.home().relativize(directory) + " (" + sources.values().stream().mapToInt(List::size).sum()
                    + " files)");
            err.flush();
            return 1;
        }
        return 0;
    }
}
