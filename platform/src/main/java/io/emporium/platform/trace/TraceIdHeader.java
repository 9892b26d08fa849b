package io.emporium.platform.trace;

/**
 * The response header that names the trace of a request ({@code X-Trace-Id: <32 hex digits>}), on every response
 * of every service and the gateway, so that a caller can look the request up in the logs
 * ({@code ./emporium logs --trace <id>}) and in Zipkin, whether it succeeded or not. Error bodies carry the same id
 * as {@code traceId}. A caller that wants to choose the id sends a W3C {@code traceparent} header.
 */
public final class TraceIdHeader {

    public static final String NAME = "X-Trace-Id";

    private TraceIdHeader() {
    }
}
