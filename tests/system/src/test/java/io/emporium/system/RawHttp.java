package io.emporium.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send: a request from another
 * loopback address ({@code 127.0.0.7} is as local as {@code 127.0.0.1} on Linux, but a different client to a rate
 * limiter), a request line or headers that are malformed on purpose, duplicate headers, methods like {@code TRACE}.
 * One request per connection ({@code Connection: close}); the answer is read to the end of the stream.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, without the final empty line; {@code Host} and
     * {@code Connection: close} are added when missing, {@code Content-Length} when there is a body) and
     * {@code body} from {@code clientAddress} to {@code 127.0.0.1:port}.
     */
    static Response send(String clientAddress, int port, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(clientAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder(head.strip()).append("\r\n");
            String lower = head.toLowerCase(Locale.ROOT);
            if (!lower.contains("\nhost:")) {
                request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            if (!lower.contains("\nconnection:")) {
                request.append("Connection: close\r\n");
            }
            if (body.length > 0 && !lower.contains("\ncontent-length:") && !lower.contains("\ntransfer-encoding:")) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("request from " + clientAddress + " to port " + port + " failed: "
                    + head.lines().findFirst().orElse(""), ex);
        }
    }

    static Response get(String clientAddress, int port, String path, String... headerLines) {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1");
        for (String header : headerLines) {
            head.append("\r\n").append(header);
        }
        return send(clientAddress, port, head.toString(), new byte[0]);
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IllegalStateException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        try {
            while (true) {
                StringBuilder sizeLine = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (c != '\r') {
                        sizeLine.append((char) c);
                    }
                }
                String size = sizeLine.toString().split(";")[0].trim();
                if (size.isEmpty() || c == -1) {
                    return body.toByteArray();
                }
                int length = Integer.parseInt(size, 16);
                if (length == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                in.readNBytes(2);
            }
        }
        catch (IOException | NumberFormatException ex) {
            return body.toByteArray();
        }
    }
}
