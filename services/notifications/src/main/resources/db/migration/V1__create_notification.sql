-- Notifications sent to customers (simulated: recorded, not mailed), one per message reacted to.
create table notification (
    id          bigint generated always as identity primary key,
    message_id  varchar(200) not null unique,
    customer_id varchar(100) not null,
    order_id    varchar(64)  not null,
    kind        varchar(20)  not null check (kind in ('ORDER_RECEIVED', 'ORDER_CONFIRMED', 'ORDER_CANCELLED')),
    channel     varchar(20)  not null,
    text        text         not null,
    sent_at     timestamptz  not null
);

-- A customer's notifications, newest first; an order's, oldest first.
create index notification_customer_idx on notification (customer_id, sent_at desc, id desc);
create index notification_order_idx on notification (order_id, sent_at, id);
