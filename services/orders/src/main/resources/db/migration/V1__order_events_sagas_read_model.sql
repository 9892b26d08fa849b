-- Write side: the event store. Each order is a stream of events, versions 1, 2, ... without gaps; the unique
-- constraint is the optimistic concurrency check (a second writer of the same version fails).
-- tx_id lets the read-model projector follow commits safely (see OrderProjector).
create table order_event (
    position    bigserial   primary key,
    order_id    uuid        not null,
    version     int         not null,
    type        text        not null,
    payload     jsonb       not null,
    recorded_at timestamptz not null default now(),
    tx_id       xid8        not null default pg_current_xact_id(),
    unique (order_id, version)
);
create index order_event_feed on order_event (tx_id, position);

-- The fulfilment saga of each order: the step it waits on and until when.
create table saga_instance (
    id         text        primary key,
    definition text        not null,
    step       int         not null,
    status     text        not null,
    deadline   timestamptz,
    failure    text,
    version    bigint      not null,
    started_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index saga_instance_deadline on saga_instance (deadline) where status = 'RUNNING';

-- Idempotency keys of POST /api/orders, per customer.
create table idempotency_key (
    customer_id     text        not null,
    idempotency_key text        not null,
    fingerprint     text        not null,
    order_id        uuid        not null,
    created_at      timestamptz not null default now(),
    primary key (customer_id, idempotency_key)
);

-- Read side (CQRS): what GET /api/orders serves, rebuilt from the event store at any time.
create table order_summary (
    order_id      uuid          primary key,
    customer_id   text          not null,
    status        text          not null,
    total         numeric(14,2) not null,
    currency      char(3)       not null,
    item_count    int           not null,
    lines         jsonb         not null,
    payment_id    text,
    shipment_id   text,
    cancel_reason text,
    placed_at     timestamptz   not null,
    updated_at    timestamptz   not null,
    version       int           not null
);
create index order_summary_customer on order_summary (customer_id, placed_at desc, order_id);

create table order_timeline (
    order_id   uuid        not null,
    version    int         not null,
    status     text        not null,
    event_type text        not null,
    at         timestamptz not null,
    detail     text,
    primary key (order_id, version)
);

-- How far the projector has read the event feed, in commit-safe (tx_id, position) order.
create table projection_checkpoint (
    name     text   primary key,
    tx_id    xid8   not null,
    position bigint not null
);
insert into projection_checkpoint (name, tx_id, position) values ('order-read-model', '0', 0);
