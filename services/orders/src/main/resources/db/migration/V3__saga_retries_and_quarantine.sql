-- A retriable step (after the pivot) is sent again when its deadline passes: how many times, for the current step.
alter table saga_instance add column retries int not null default 0;

-- A saga that cannot be handled (its order stream cannot be loaded or advanced) is set aside, so that it does not
-- hold up the deadlines of the others: its deadline is no longer checked, its state stays as it was. An operator
-- releases it by clearing both columns.
alter table saga_instance add column quarantined_at timestamptz;
alter table saga_instance add column quarantine_reason text;
alter table saga_instance add constraint saga_instance_quarantine_has_reason
    check ((quarantined_at is null) = (quarantine_reason is null));
create index saga_instance_quarantined on saga_instance (quarantined_at) where quarantined_at is not null;
