package io.emporium.runner.process;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** Alive when {@code GET url} answers 2xx within {@code timeout}; a refused connection or a timeout is not. */
public final class HttpLiveness implements Liveness {

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;

    public HttpLiveness(String url, Duration timeout) {
        this.uri = URI.create(url);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Optional<String> problem() {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("HTTP " + response.statusCode() + " from " + this);
        } catch (HttpTimeoutException e) {
            return Optional.of("no answer within " + timeout.toMillis() + " ms from " + this);
        } catch (ConnectException e) {
            return Optional.of("connection refused by " + this);
        } catch (IOException e) {
            return Optional.of(e + " from " + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public String toString() {
        return "GET " + uri;
    }
}
