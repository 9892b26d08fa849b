package io.emporium.runner.infra;

import java.nio.file.Path;

/** Unpacks the PostgreSQL binaries into the cache named by the first argument and prints where: run as its own JVM. */
public final class UnpackPostgres {

    private UnpackPostgres() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("binaries: " + PostgresBinaries.prepare(Path.of(args[0])));
    }
}
