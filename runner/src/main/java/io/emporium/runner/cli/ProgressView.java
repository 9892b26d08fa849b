package io.emporium.runner.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.SystemState;

/**
 * Live progress of a start or stop, one line per part. On a terminal the block is redrawn in place with colours;
 * otherwise a plain line is printed whenever a part changes, e.g. {@code [  4.2s] catalog#1 ready in 3.1s}, so that
 * scripts and tests can read it.
 */
final class ProgressView {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";

    private final PrintStream out;
    private final boolean interactive;
    private final long started = System.nanoTime();
    private final Map<String, String> printed = new HashMap<>();
    private int drawnLines;

    ProgressView(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    void update(SystemState state) {
        if (interactive) {
            redraw(state.parts());
        } else {
            for (PartStatus part : state.parts()) {
                String text = describe(part);
                if (!text.equals(printed.put(part.id(), text)) && part.status() != Status.WAITING) {
                    out.printf("[%6.1fs] %s %s%n", elapsedSeconds(), part.id(), text);
                }
            }
        }
        out.flush();
    }

    /** Remembers the current lines without printing them, so that only later changes are shown. */
    void prime(SystemState state) {
        state.parts().forEach(part -> printed.put(part.id(), describe(part)));
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void redraw(List<PartStatus> parts) {
        StringBuilder block = new StringBuilder();
        if (drawnLines > 0) {
            block.append("\u001b[").append(drawnLines).append('F');
        }
        int width = parts.stream().mapToInt(part -> part.id().length()).max().orElse(8) + 2;
        for (PartStatus part : parts) {
            block.append("\u001b[2K  ").append(colour(part.status())).append(symbol(part.status())).append(RESET)
                    .append(' ').append(String.format("%-" + width + "s", part.id()))
                    .append(colour(part.status())).append(describe(part)).append(RESET).append('\n');
        }
        block.append("\u001b[2K").append(DIM).append(String.format("  elapsed %.1fs", elapsedSeconds()))
                .append(RESET).append('\n');
        drawnLines = parts.size() + 1;
        out.print(block);
    }

    private String describe(PartStatus part) {
        String message = part.message() == null ? "" : ": " + part.message();
        return switch (part.status()) {
            case READY -> part.readyMillis() >= 0
                    ? String.format("ready in %.1fs", part.readyMillis() / 1000.0)
                            + (part.restarts() > 0 ? " (restarts: " + part.restarts() + ")" : "")
                    : "ready" + (part.restarts() > 0 ? " (restarts: " + part.restarts() + ")" : "");
            case STARTING, TRAINING -> part.status().label() + (interactive && part.startedAt() > 0
                    ? String.format(" %.0fs", (System.currentTimeMillis() - part.startedAt()) / 1000.0) : "");
            default -> part.status().label() + message;
        };
    }

    private static String symbol(Status status) {
        return switch (status) {
            case READY -> "✔";
            case FAILED -> "✘";
            case WAITING, STOPPED -> "·";
            default -> "…";
        };
    }

    private static String colour(Status status) {
        return switch (status) {
            case READY -> GREEN;
            case FAILED -> RED;
            case STARTING, TRAINING, RESTARTING, STOPPING -> YELLOW;
            default -> DIM;
        };
    }
}
