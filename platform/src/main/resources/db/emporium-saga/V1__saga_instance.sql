-- Saga instances of io.emporium.platform.saga (JdbcSagas), migrated by the saga store's own Flyway (history:
-- saga_schema_history), in the database of a service that runs sagas (emporium.saga.store.enabled=true).
-- "if not exists": the orders service created this table, in this shape, with its own migrations before the platform
-- shipped it; there this script changes nothing. Later changes to the table are made here, for every service.

-- One row per saga: the step it waits on and until when, how many times that step was sent again, how it ended.
-- A saga that cannot be handled is set aside (quarantined_at, quarantine_reason): its deadline is no longer checked,
-- its state stays as it was. An operator releases it by clearing both columns.
create table if not exists saga_instance (
    id                text        primary key,
    definition        text        not null,
    step              int         not null,
    status            text        not null,
    deadline          timestamptz,
    failure           text,
    retries           int         not null default 0,
    version           bigint      not null,
    started_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    quarantined_at    timestamptz,
    quarantine_reason text,
    constraint saga_instance_quarantine_has_reason check ((quarantined_at is null) = (quarantine_reason is null))
);
-- The deadline check runs every second: it reads the running sagas past their deadline, not every saga that ran.
create index if not exists saga_instance_running_deadline on saga_instance (deadline) where status = 'RUNNING';
-- The quarantine gauge counts the sagas set aside, and /actuator/quarantine lists the oldest first.
create index if not exists saga_instance_quarantined on saga_instance (quarantined_at) where quarantined_at is not null;
