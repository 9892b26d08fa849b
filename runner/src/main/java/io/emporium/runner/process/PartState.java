package io.emporium.runner.process;

import java.util.Optional;

/** The live, thread-safe status of one part; every change is reported to a listener (which persists the state). */
public final class PartState {

    private final String id;
    private final String name;
    private final int instance;
    private final String kind;
    private final String log;
    private final Runnable onChange;
    private Status status = Status.WAITING;
    private long pid;
    private long processStart;
    private int port;
    private long startedAt;
    private long readyMillis = -1;
    private int restarts;
    private String message;

    public PartState(String id, String name, int instance, String kind, int port, String log, Runnable onChange) {
        this.id = id;
        this.name = name;
        this.instance = instance;
        this.kind = kind;
        this.port = port;
        this.log = log;
        this.onChange = onChange;
    }

    public String id() {
        return id;
    }

    public synchronized Status status() {
        return status;
    }

    public void status(Status status, String message) {
        synchronized (this) {
            this.status = status;
            this.message = message;
        }
        onChange.run();
    }

    /** Records a (re)started process: its pid and OS start time, and the start of this run. */
    public void started(long pid) {
        synchronized (this) {
            this.pid = pid;
            this.processStart = Processes.startInstant(pid).map(java.time.Instant::toEpochMilli).orElse(0L);
            this.startedAt = System.currentTimeMillis();
        }
        onChange.run();
    }

    public void ready(Optional<Long> firstReadyMillis) {
        synchronized (this) {
            this.status = Status.READY;
            this.message = null;
            firstReadyMillis.ifPresent(millis -> this.readyMillis = millis);
        }
        onChange.run();
    }

    public void restarted() {
        synchronized (this) {
            restarts++;
        }
        onChange.run();
    }

    public synchronized int restarts() {
        return restarts;
    }

    public synchronized PartStatus snapshot() {
        return new PartStatus(id, name, instance, kind, status, pid, processStart, port, startedAt, readyMillis,
                restarts, message, log);
    }
}
