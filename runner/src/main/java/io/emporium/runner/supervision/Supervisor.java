package io.emporium.runner.supervision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartFailure;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.topology.InfraPart;

/**
 * Starts the parts in dependency order, each group as soon as the groups it depends on are ready (so independent
 * ones start in parallel), records every change in the state file, and stops everything in reverse order: services
 * from the most dependent down, infrastructure last.
 */
final class Supervisor {

    /** A topology part and its instances; ready when every instance is. */
    record Group(String name, List<Part> parts, List<String> dependsOn) {
    }

    private final List<Group> groups;
    private final StateFile stateFile;
    private final RunnerLog log;
    private final long startedAt = System.currentTimeMillis();
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final ReentrantLock stopLock = new ReentrantLock();
    private volatile int controlPort;
    private Phase phase = Phase.STARTING;
    private SystemState.Failure failure;
    private volatile boolean stopped;

    Supervisor(List<Group> groups, StateFile stateFile, RunnerLog log) {
        this.groups = List.copyOf(groups);
        this.stateFile = stateFile;
        this.log = log;
    }

    void controlPort(int port) {
        this.controlPort = port;
        persist();
    }

    /** Starts everything; returns whether all parts became ready. On failure, the state names the part and why. */
    boolean startAll() {
        log.info("system.starting", null, "starting " + String.join(", ", groups.stream().map(Group::name).toList()));
        Map<String, CompletableFuture<Void>> ready = new HashMap<>();
        for (Group group : groups) {
            CompletableFuture<?>[] dependencies = group.dependsOn().stream()
                    .map(ready::get).filter(java.util.Objects::nonNull).toArray(CompletableFuture[]::new);
            ready.put(group.name(), CompletableFuture.allOf(dependencies)
                    .thenComposeAsync(ignored -> startGroup(group), executor));
        }
        try {
            CompletableFuture.allOf(ready.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // the failure is recorded by fail(); parts that never started stay WAITING
        }
        synchronized (this) {
            if (failure == null && phase == Phase.STARTING) {
                phase = Phase.READY;
                log.info("system.ready", null, String.format("all parts ready in %.1fs",
                        (System.currentTimeMillis() - startedAt) / 1000.0));
            }
        }
        persist();
        return isReady();
    }

    synchronized boolean isReady() {
        return phase == Phase.READY;
    }

    private CompletableFuture<Void> startGroup(Group group) {
        return CompletableFuture.allOf(group.parts().stream()
                .map(part -> CompletableFuture.runAsync(() -> startPart(part), executor))
                .toArray(CompletableFuture[]::new));
    }

    private void startPart(Part part) {
        String id = part.state().snapshot().id();
        synchronized (this) {
            if (phase != Phase.STARTING) {
                throw new CompletionException(new IllegalStateException("not started: " + phase));
            }
        }
        log.info("part.starting", id, "starting");
        try {
            part.start();
            PartStatus status = part.state().snapshot();
            log.write("INFO", "part.ready", id, String.format("ready in %.1fs", status.readyMillis() / 1000.0),
                    Map.of("pid", status.pid(), "port", status.port(), "readyMillis", status.readyMillis()));
        } catch (PartFailure e) {
            fail(part, e);
            throw new CompletionException(e);
        } catch (RuntimeException e) {
            fail(part, new PartFailure(id, e.toString(), List.of()));
            throw e;
        }
    }

    private void fail(Part part, PartFailure cause) {
        synchronized (this) {
            if (phase != Phase.STARTING) {
                return;
            }
            phase = Phase.FAILED;
            failure = new SystemState.Failure(cause.part(), cause.getMessage(), cause.logTail());
        }
        part.state().status(Status.FAILED, cause.getMessage());
        log.error("part.failed", cause.part(), cause.getMessage());
        // stop the parts still starting at once, instead of waiting for them to come up first
        Thread.ofPlatform().daemon().start(this::stopAll);
    }

    /** Stops every part, most dependent first, infrastructure last. Idempotent; later callers wait for the first. */
    void stopAll() {
        stopLock.lock();
        try {
            if (stopped) {
                return;
            }
            synchronized (this) {
                if (phase != Phase.FAILED) {
                    phase = Phase.STOPPING;
                }
            }
            persist();
            log.info("system.stopping", null, "stopping");
            for (List<Group> level : stopLevels()) {
                CompletableFuture.allOf(level.stream().flatMap(group -> group.parts().stream())
                        .map(part -> CompletableFuture.runAsync(part::stop, executor))
                        .toArray(CompletableFuture[]::new)).join();
            }
            stopped = true;
            synchronized (this) {
                if (phase != Phase.FAILED) {
                    phase = Phase.STOPPED;
                }
            }
            persist();
            log.info("system.stopped", null, "stopped");
        } finally {
            stopLock.unlock();
        }
    }

    /**
     * Groups by dependency depth, deepest first: a group stops only after everything that depends on it, and
     * infrastructure (depth 0) only after every service (depth 1 and more).
     */
    private List<List<Group>> stopLevels() {
        Map<String, Integer> depth = new HashMap<>();
        TreeMap<Integer, List<Group>> levels = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (Group group : groups) {
            int level = InfraPart.named(group.name()).isPresent() ? 0
                    : 1 + group.dependsOn().stream().mapToInt(name -> depth.getOrDefault(name, 0)).max().orElse(0);
            depth.put(group.name(), level);
            levels.computeIfAbsent(level, key -> new ArrayList<>()).add(group);
        }
        return new ArrayList<>(levels.values());
    }

    SystemState snapshot() {
        List<PartStatus> parts = groups.stream().flatMap(group -> group.parts().stream())
                .map(part -> part.state().snapshot()).toList();
        synchronized (this) {
            return new SystemState(ProcessHandle.current().pid(), controlPort, startedAt, phase, failure, parts);
        }
    }

    void persist() {
        stateFile.write(snapshot());
    }
}
