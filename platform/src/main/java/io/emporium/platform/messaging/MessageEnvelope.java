package io.emporium.platform.messaging;

/**
 * Names in the envelope of Emporium messages on Kafka: CloudEvents 1.0 in binary mode. The record key is the
 * {@link OutgoingMessage#key()}; the value is the data as JSON; the attributes are headers:
 * {@code ce_specversion=1.0}, {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_subject}, {@code ce_time}
 * (RFC 3339), {@code content-type: application/json}, {@code ce_customerid} when a customer acted, and the trace
 * context both as the W3C {@code traceparent} header (which Micrometer's Kafka instrumentation reads) and as the
 * CloudEvents distributed-tracing extension {@code ce_traceparent}.
 */
public final class MessageEnvelope {

    /** Header holding the CloudEvents type. */
    public static final String TYPE_HEADER = "ce_type";

    /** Header holding the CloudEvents id. */
    public static final String ID_HEADER = "ce_id";

    /** CloudEvents extension attribute naming the acting customer (header {@code ce_customerid}). */
    public static final String CUSTOMER_ID_EXTENSION = "customerid";

    /** CloudEvents distributed-tracing extension attribute (header {@code ce_traceparent}). */
    public static final String TRACEPARENT_EXTENSION = "traceparent";

    /** The W3C trace context header. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** Content type of every message's data. */
    public static final String CONTENT_TYPE = "application/json";

    private MessageEnvelope() {
    }
}
