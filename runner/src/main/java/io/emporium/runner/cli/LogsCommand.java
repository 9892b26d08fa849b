package io.emporium.runner.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.logs.LogFiles;
import io.emporium.runner.logs.LogFormatter;
import io.emporium.runner.logs.LogLine;
import io.emporium.runner.logs.LogMerger;
import io.emporium.runner.logs.LogQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code logs}: the parts' logs merged in time order, one readable line per event. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Prints the logs of var/logs merged in time order: time, service-instance, level, logger, "
                + "message and trace id for JSON (ECS) lines; other lines as written, after their source."})
final class LogsCommand implements Callable<Integer> {

    @Option(names = {"-s", "--service"}, split = ",", paramLabel = "NAME",
            description = "Only these parts: catalog (all instances), catalog#1 or catalog-1, kafka, runner...")
    List<String> services = List.of();

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written.")
    boolean follow;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only lines containing TEXT (case-insensitive).")
    String grep;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only lines from the last DURATION: 30s, 10m, 2h, 1d.")
    String since;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Only the last N lines.")
    Integer lines;

    @Override
    public Integer call() {
        Workspace workspace = Workspace.fromEnvironment();
        Instant from = since == null ? null : Instant.now().minus(Durations.parse(since));
        Integer last = lines != null ? lines : follow ? Integer.valueOf(20) : null;
        LogQuery query = new LogQuery(services, grep, from, last);
        Path directory = workspace.logsDir();
        List<Path> files = LogFiles.list(directory, query);
        if (files.isEmpty() && !follow) {
            System.err.println("emporium: no logs" + (services.isEmpty() ? "" : " for " + String.join(", ", services))
                    + " in " + workspace.home().relativize(directory));
            return 1;
        }
        List<LogLine> selected = LogMerger.query(files.stream().map(LogFiles::read).toList(), query);
        selected.forEach(line -> System.out.println(LogFormatter.format(line)));
        System.out.flush();
        if (follow) {
            LogPrinter.follow(directory, new LogQuery(services, grep, from, null), System.out, () -> true);
        }
        return 0;
    }
}
