package io.emporium.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Helpers for tests that start real processes. */
public final class TestPorts {

    private TestPorts() {
    }

    /** A port that was free on the loopback a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root, as Maven passes it ({@code emporium.home}), else the parent of the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("emporium.home", "..")).toAbsolutePath().normalize();
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
