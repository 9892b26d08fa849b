package io.emporium.platform.trace;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The id of one client request ({@code X-Request-Id}), kept as it crosses the gateway and the services and logged as
 * ECS {@code http.request.id}: the gateway assigns one when the client sent none (or an unusable one), every service
 * logs and returns the one it got. The trace id follows the work a request causes (Kafka hops included); the
 * request id names the request as the client knows it.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String LOG_KEY = "http.request.id";

    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {
    }

    /** The client's id when it is usable in a log line and a header, otherwise a new one. */
    public static String of(@Nullable String sent) {
        return sent != null && USABLE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }
}
