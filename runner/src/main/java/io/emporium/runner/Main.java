package io.emporium.runner;

import io.emporium.runner.cli.EmporiumCommand;

/** Entry point of {@code java -jar runner/target/emporium-runner.jar <command>}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(EmporiumCommand.commandLine().execute(args));
    }
}
