package io.emporium.runner.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Whether a TCP port on this machine is taken, checked before a part that needs it starts. */
public final class PortCheck {

    private PortCheck() {
    }

    /** True when something listens on {@code port} on the loopback or on any interface. */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // like the servers themselves: connections in TIME_WAIT do not make a port busy, a listener does
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return true;
        }
        return accepts("127.0.0.1", port, 200);
    }

    /** True when a TCP connection to {@code host:port} succeeds within {@code timeoutMillis}. */
    public static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port from {@code from} upwards that is free and not in {@code reserved}. */
    public static int nextFree(int from, java.util.Set<Integer> reserved) {
        for (int port = from; port <= 65535; port++) {
            if (!reserved.contains(port) && !inUse(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port from " + from);
    }
}
