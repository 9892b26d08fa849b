package io.emporium.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that start real processes. */
public final class TestPorts {

    private TestPorts() {
    }

    /** A port that was free on the loopback a moment ago. */
    public static int free() {
        return free(1)[0];
    }

    /**
     * {@code count} different ports that were free on the loopback a moment ago: all are taken at once before any is
     * let go, so the system cannot hand out one of them twice (as calling {@link #free()} {@code count} times can).
     */
    public static int[] free(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was open a moment ago; nothing to undo
                }
            }
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
