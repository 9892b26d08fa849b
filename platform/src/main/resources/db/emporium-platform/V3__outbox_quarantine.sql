-- Outbox quarantine: a row that Kafka refuses for good (too large, invalid topic, cannot be built), or that keeps
-- failing while other rows go out, is marked here and skipped by the relay, so that it never stalls the rows behind
-- it. It is never deleted: it stays until an operator releases it, which puts it back in line (see OutboxQuarantine):
--   update outbox_message set quarantined_at = null, quarantine_reason = null, failed_sends = 0 where id = <id>;
alter table outbox_message
    -- sends of this row that failed in rounds where Kafka acknowledged other rows (never during an outage)
    add column failed_sends      int         not null default 0,
    add column quarantined_at    timestamptz,
    add column quarantine_reason text;

-- The relay reads the oldest sendable rows every 100 ms.
create index outbox_message_sendable on outbox_message (id) where quarantined_at is null;
-- A row that failed while others went out holds the later rows of its stream (topic and key): the relay looks for
-- such a row for every row it reads, among the few that are failing.
create index outbox_message_failing on outbox_message (topic, message_key, id)
    where failed_sends > 0 and quarantined_at is null;
-- The quarantine gauge counts them, and /actuator/quarantine lists the oldest first.
create index outbox_message_quarantined on outbox_message (quarantined_at, id) where quarantined_at is not null;
