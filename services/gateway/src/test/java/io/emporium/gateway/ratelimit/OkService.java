package io.emporium.gateway.ratelimit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A stand-in for a routed service that answers every request with 200 and counts what it was sent. */
record OkService(HttpServer server, AtomicInteger served) {

    static OkService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OkService service = new OkService(server, new AtomicInteger());
            server.createContext("/", exchange -> {
                service.served.incrementAndGet();
                byte[] body = "{}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return service;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }
}
