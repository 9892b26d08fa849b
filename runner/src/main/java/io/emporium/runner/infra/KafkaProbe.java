package io.emporium.runner.infra;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.emporium.runner.process.Readiness;

/**
 * Ready when the broker answers a Kafka protocol request: an ApiVersions (v0) request on the client listener. The
 * broker enables request processing only after it has joined the metadata quorum and been unfenced, so an answer
 * means clients can produce and consume.
 */
public final class KafkaProbe implements Readiness {

    private static final short API_VERSIONS = 18;
    private static final short UNSUPPORTED_VERSION = 35;
    private static final int CORRELATION_ID = 7;

    private final String host;
    private final int port;

    public KafkaProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The first {@code host:port} of a comma-separated bootstrap list. */
    public static KafkaProbe forBootstrap(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].strip();
        int colon = first.lastIndexOf(':');
        return new KafkaProbe(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    @Override
    public boolean isReady() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] clientId = "emporium-runner".getBytes(StandardCharsets.UTF_8);
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(CORRELATION_ID);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int correlationId = in.readInt();
            short errorCode = in.readShort();
            return size > 6 && correlationId == CORRELATION_ID && (errorCode == 0 || errorCode == UNSUPPORTED_VERSION);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Kafka ApiVersions on " + host + ":" + port;
    }
}
