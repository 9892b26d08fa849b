package io.emporium.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void seesAPortWithAListenerAsInUse() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            assertThat(PortCheck.inUse(port)).isTrue();
        }
        assertThat(PortCheck.inUse(port)).isFalse();
    }

    @Test
    void seesAListenerOnAllInterfacesAsInUse() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            assertThat(PortCheck.inUse(listener.getLocalPort())).isTrue();
        }
    }

    @Test
    void findsTheNextFreePortSkippingReservedOnes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int busy = listener.getLocalPort();
            int next = PortCheck.nextFree(busy, Set.of(busy + 1));

            assertThat(next).isGreaterThan(busy + 1);
        }
    }
}
