-- A retriable step (after the pivot) is sent again when its deadline passes: how many times, for the current step.
alter table saga_instance add column retries int not null default 0;
