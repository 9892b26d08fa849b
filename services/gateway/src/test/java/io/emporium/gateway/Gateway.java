package io.emporium.gateway;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The gateway under test, called over real HTTP on its (random) port. */
public record Gateway(int port) {

    /** One answer of the gateway: its status, a few headers, how long it took and its body ("" if none). */
    public record Answer(int status, String retryAfter, String contentType, Duration took, String body) {
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** A client that sends {@code token} as the bearer token of every request and waits up to 20 s for answers. */
    public WebTestClient client(String token) {
        return WebTestClient.bindToServer().baseUrl(uri()).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    /** A GET of {@code path} with {@code token}, timed from this call until its whole body has arrived. */
    public Mono<Answer> get(String path, String token) {
        long started = System.nanoTime();
        return WebClient.create(uri()).get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(),
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                                Duration.ofNanos(System.nanoTime() - started), body)));
    }
}
