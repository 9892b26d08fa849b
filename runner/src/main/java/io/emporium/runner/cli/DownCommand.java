package io.emporium.runner.cli;

import java.util.concurrent.Callable;

import io.emporium.runner.Workspace;
import io.emporium.runner.supervision.SystemControl;
import picocli.CommandLine.Command;

/** {@code down}: stops everything, services first and infrastructure last; idempotent. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stops everything gracefully (SIGTERM, then SIGKILL after 30 s): services in reverse "
                + "dependency order, then infrastructure, then the supervisor.",
                "Also cleans up after a supervisor that died. Saying so when nothing runs, it exits 0."})
final class DownCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Workspace workspace = Workspace.fromEnvironment();
        SystemControl control = new SystemControl(workspace);
        ProgressView progress = new ProgressView(System.out, false);
        boolean running = control.supervisorPid().isPresent();
        if (running) {
            System.out.println("Stopping Emporium...");
        }
        control.state().ifPresent(progress::prime);
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                control.state().ifPresent(progress::update);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        boolean stoppedSomething = control.down(System.out::println);
        watcher.interrupt();
        if (!stoppedSomething) {
            System.out.println("Emporium is not running.");
        } else {
            System.out.printf("Emporium stopped in %.1fs%n", progress.elapsedSeconds());
        }
        return 0;
    }
}
