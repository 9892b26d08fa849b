package io.emporium.runner.supervision;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import io.emporium.runner.Workspace;
import io.emporium.runner.logs.LogRetention;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.topology.TopologyLoader;

/**
 * The body of the detached supervisor process: holds the run lock, starts the system, serves the control channel,
 * keeps the logs within their limits ({@link LogRetention}), and on {@code POST /down} (or SIGTERM) stops everything
 * in order before it exits. Its stdout is the runner's structured log, {@code var/logs/runner.jsonl}.
 */
public final class SupervisorProcess {

    /** Exit code when another supervisor holds the lock. */
    public static final int ALREADY_RUNNING = 3;

    private SupervisorProcess() {
    }

    /** Runs until the system is stopped; returns the process exit code (0 stopped on request, 1 failed to start). */
    public static int run(Workspace workspace, RunOptions options) throws IOException {
        SystemPlan plan = SystemPlan.of(TopologyLoader.load(workspace.topologyFile()), options);
        Optional<RunLock> acquired = RunLock.acquire(workspace.lockFile());
        if (acquired.isEmpty()) {
            System.err.println("Emporium is already running (supervisor pid "
                    + RunLock.holder(workspace.lockFile()).orElse(-1) + ")");
            return ALREADY_RUNNING;
        }
        RunLock lock = acquired.get();
        RunnerLog log = new RunnerLog(System.out);
        // log retention: once now, before any part writes, then every few seconds while the system runs
        LogRetention retention = new LogRetention(workspace.logsDir(), plan.topology().logs(), log);
        try {
            retention.enforce();
        } catch (RuntimeException e) {
            log.warn("logs.retention-failed", null, "log retention failed: " + e);
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("log-retention").daemon().factory());
        retention.schedule(housekeeping, LogRetention.CHECK_INTERVAL);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("restarts").daemon().factory());
        AtomicReference<Supervisor> current = new AtomicReference<>();
        Runnable onChange = () -> {
            Supervisor supervisor = current.get();
            if (supervisor != null) {
                supervisor.persist();
            }
        };
        Supervisor supervisor = new Supervisor(
                new Assembly(workspace, plan, onChange, scheduler, log, Backoff.standard()).groups(),
                new StateFile(workspace.stateFile()), log);
        current.set(supervisor);
        supervisor.persist();
        String token = ControlToken.create(workspace.controlTokenFile());
        ControlServer control = ControlServer.start(supervisor::snapshot, token, (service, instances) -> {
            SystemPlan.requireScalable(plan.topology(), service, instances);
            return supervisor.scale(service, instances);
        });
        supervisor.controlPort(control.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            supervisor.stopAll();
            release(lock);
        }, "stop-on-signal"));

        CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(supervisor::startAll,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory()));
        CompletableFuture.anyOf(started, control.downRequested()).join();
        int exitCode = 0;
        if (!control.downRequested().isDone() && !started.join()) {
            exitCode = 1;
        } else {
            control.downRequested().join();
            log.info("system.down-requested", null, "stop requested");
        }
        supervisor.stopAll();
        control.stop();
        scheduler.shutdownNow();
        housekeeping.shutdownNow();
        release(lock);
        return exitCode;
    }

    private static void release(RunLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            // the OS releases the lock when the process exits anyway
        }
    }
}
