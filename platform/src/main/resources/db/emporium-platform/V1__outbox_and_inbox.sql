-- Emporium platform tables, migrated by the platform's own Flyway (history: platform_schema_history).

-- Transactional outbox: one row per message published and not yet acknowledged by Kafka. Written in the business
-- transaction; the relay sends rows in id order and deletes exactly the acknowledged ones.
create table outbox_message (
    id          bigserial   primary key,
    message_id  uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    type        text        not null,
    source      text        not null,
    subject     text        not null,
    customer_id text,
    traceparent text,
    -- the JSON bytes exactly as they will be sent (inspect with convert_from(payload, 'UTF8'))
    payload     bytea       not null,
    created_at  timestamptz not null
);

-- Inbox (idempotent consumer): one row per message a consumer has processed, written in the consumer's transaction.
create table inbox_message (
    consumer     text        not null,
    message_id   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, message_id)
);
