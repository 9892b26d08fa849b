package io.emporium.runner.supervision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * from the most dependent down, infrastructure last. Once the system is ready, a service can be scaled: instances are
 * added (numbered on from the last) or the highest-numbered ones stopped and removed.
 */
final class Supervisor {

    /** Makes the instances of a service that can be scaled, and takes back those that were removed. */
    interface Scaling {

        /** A new instance, not started, numbered {@code instance} (from 1), on the next free port. */
        Part create(int instance);

        /** The instance was stopped and removed from its group: its port may be given out again. */
        void release(Part part);
    }

    /**
     * A topology part and its instances, numbered from 1 in list order; ready when every instance is. The instances
     * of a group with {@link Scaling} change while the system runs: {@link #parts()} is a snapshot. Thread-safe.
     */
    static final class Group {

        private final String name;
        private final List<String> dependsOn;
        private final Scaling scaling;
        private final List<Part> parts;

        /** A group whose instances are fixed. */
        Group(String name, List<Part> parts, List<String> dependsOn) {
            this(name, parts, dependsOn, null);
        }

        /** @param scaling how to make more instances, or {@code null} when the group cannot be scaled */
        Group(String name, List<Part> parts, List<String> dependsOn, Scaling scaling) {
            this.name = name;
            this.parts = new ArrayList<>(parts);
            this.dependsOn = List.copyOf(dependsOn);
            this.scaling = scaling;
        }

        String name() {
            return name;
        }

        List<String> dependsOn() {
            return dependsOn;
        }

        /** How to make more instances; empty when the group cannot be scaled. */
        Optional<Scaling> scaling() {
            return Optional.ofNullable(scaling);
        }

        /** The current instances, in instance order. */
        synchronized List<Part> parts() {
            return List.copyOf(parts);
        }

        private synchronized void add(Part part) {
            parts.add(part);
        }

        private synchronized void remove(Part part) {
            parts.remove(part);
        }
    }

    /**
     * What a scale request set going.
     *
     * @param starting ids of the instances being added, started in the background
     * @param stopping ids of the instances being stopped; each leaves the group once it has stopped
     */
    record Change(String service, int instances, List<String> starting, List<String> stopping) {

        Change {
            starting = List.copyOf(starting);
            stopping = List.copyOf(stopping);
        }
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
    private final Set<String> resizing = new HashSet<>();

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
        List<String> notReady = groups.stream().flatMap(group -> group.parts().stream())
                .map(part -> part.state().snapshot()).filter(status -> status.readyMillis() < 0)
                .map(status -> status.id() + " (" + status.status().label() + ")").toList();
        synchronized (this) {
            if (failure == null && phase == Phase.STARTING && !notReady.isEmpty()) {
                // every start returned and none failed, yet a part never became ready: a failure, not readiness
                phase = Phase.FAILED;
                failure = new SystemState.Failure(notReady.getFirst().replaceAll(" .*", ""),
                        "never became ready, though its start returned: " + String.join(", ", notReady), List.of());
                log.error("system.failed", null, failure.message());
            }
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
            startAndReport(part);
        } catch (PartFailure e) {
            fail(part, e);
            throw new CompletionException(e);
        } catch (Throwable e) {
            // anything else, an Error (OutOfMemoryError, ExceptionInInitializerError) included, is a failed start too:
            // never let it pass for "ready" by leaving the part unrecorded
            fail(part, unexpected(id, e));
            throw new CompletionException(e);
        }
    }

    /** A start that threw something else than a {@link PartFailure}: its one-line description and where it was thrown. */
    static PartFailure unexpected(String id, Throwable thrown) {
        List<String> trace = new ArrayList<>();
        for (Throwable cause = thrown; cause != null && trace.size() < 24; cause = cause.getCause()) {
            trace.add((cause == thrown ? "" : "caused by ") + cause);
            java.util.Arrays.stream(cause.getStackTrace()).limit(6).map(frame -> "    at " + frame).forEach(trace::add);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return new PartFailure(id, "the runner failed while starting it: " + thrown, trace);
    }

    /** Starts the part (until its readiness says ready) and logs when it became ready, with its pid and port. */
    private void startAndReport(Part part) throws PartFailure {
        part.start();
        PartStatus status = part.state().snapshot();
        log.write("INFO", "part.ready", status.id(), String.format("ready in %.1fs", status.readyMillis() / 1000.0),
                Map.of("pid", status.pid(), "port", status.port(), "readyMillis", status.readyMillis()));
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
     * Sets how many instances of a service run: starts the missing ones (each gated on its readiness, as at start) or
     * stops the highest-numbered ones (gracefully, with their stop grace). Returns at once; the change goes on in
     * the background and shows in the state. An instance that fails to start stays in its group as failed (with the
     * reason), until the service is scaled down.
     *
     * @throws IllegalArgumentException when the service does not run or cannot be scaled, or {@code instances < 1}
     * @throws IllegalStateException    when the system is not ready (starting, stopping) or the service is still
     *                                  being scaled
     */
    Change scale(String service, int instances) {
        Group group = groups.stream().filter(candidate -> candidate.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot scale '" + service + "': it does not run "
                        + "(running: " + String.join(", ", groups.stream().map(Group::name).toList()) + ")"));
        if (group.scaling == null) {
            throw new IllegalArgumentException("cannot scale " + service + ": its instances are fixed");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("cannot scale " + service + " to " + instances
                    + " instances: at least 1");
        }
        List<Part> added = new ArrayList<>();
        List<Part> removed;
        synchronized (this) {
            if (phase != Phase.READY) {
                throw new IllegalStateException("cannot scale " + service + " while the system is "
                        + phase.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!resizing.add(service)) {
                throw new IllegalStateException(service + " is still being scaled; wait until that is done");
            }
            List<Part> current = group.parts();
            try {
                for (int instance = current.size() + 1; instance <= instances; instance++) {
                    Part part = group.scaling.create(instance);
                    group.add(part);
                    added.add(part);
                }
            } catch (RuntimeException e) {
                added.forEach(group::remove);
                added.forEach(group.scaling::release);
                resizing.remove(service);
                throw e;
            }
            removed = current.size() > instances ? current.subList(instances, current.size()).reversed() : List.of();
        }
        Change change = new Change(service, instances, ids(added), ids(removed));
        if (added.isEmpty() && removed.isEmpty()) {
            synchronized (this) {
                resizing.remove(service);
            }
            return change;
        }
        log.write("INFO", "system.scaling", service, "scaling to " + instances + " instances"
                        + (added.isEmpty() ? "" : ", starting " + String.join(", ", change.starting()))
                        + (removed.isEmpty() ? "" : ", stopping " + String.join(", ", change.stopping())),
                Map.of("instances", instances));
        persist();
        List<CompletableFuture<Void>> work = new ArrayList<>();
        added.forEach(part -> work.add(CompletableFuture.runAsync(() -> startAdded(part), executor)));
        removed.forEach(part -> work.add(CompletableFuture.runAsync(() -> retire(group, part), executor)));
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
            synchronized (this) {
                resizing.remove(service);
            }
            persist();
        });
        return change;
    }

    private void startAdded(Part part) {
        String id = part.state().id();
        log.info("part.starting", id, "starting (scaled up)");
        try {
            startAndReport(part);
        } catch (PartFailure e) {
            boolean running;
            synchronized (this) {
                running = phase == Phase.READY;
            }
            if (running) {
                part.state().status(Status.FAILED, e.getMessage());
                log.error("part.failed", id, e.getMessage());
            }
            part.stop();
        } catch (Throwable e) {
            PartFailure failure = unexpected(id, e);
            part.state().status(Status.FAILED, failure.getMessage());
            log.error("part.failed", id, failure.getMessage());
            part.stop();
        }
    }

    private void retire(Group group, Part part) {
        String id = part.state().id();
        log.info("part.stopping", id, "stopping (scaled down)");
        part.stop();
        group.remove(part);
        group.scaling.release(part);
        persist();
        log.info("part.stopped", id, "stopped and removed (scaled down)");
    }

    private static List<String> ids(List<Part> parts) {
        return parts.stream().map(part -> part.state().id()).toList();
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
