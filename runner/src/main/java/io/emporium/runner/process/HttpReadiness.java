package io.emporium.runner.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Ready when {@code GET url} answers 200 and, optionally, the body passes a check. The {@code Authorization} header,
 * when given, is sent with every request and never shown ({@link #toString()} names the URL only).
 */
public final class HttpReadiness implements Readiness {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI uri;
    private final String accept;
    private final String authorization;
    private final Predicate<String> body;

    public HttpReadiness(String url) {
        this(url, "*/*", null, body -> true);
    }

    /** @param authorization the {@code Authorization} header's value, or {@code null} to send none */
    public HttpReadiness(String url, String accept, String authorization, Predicate<String> body) {
        this.uri = URI.create(url);
        this.accept = accept;
        this.authorization = authorization;
        this.body = body;
    }

    @Override
    public boolean isReady() {
        Response response = get();
        return response.status() == 200 && body.test(response.body());
    }

    /** The HTTP status of {@code GET url}, or -1 when it cannot be reached. */
    public int status() {
        return get().status();
    }

    private record Response(int status, String body) {
    }

    private Response get() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept)
                    .timeout(Duration.ofSeconds(3)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "");
        }
    }

    @Override
    public String toString() {
        return "GET " + uri;
    }
}
