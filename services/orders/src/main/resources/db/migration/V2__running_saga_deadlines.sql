-- The deadline check runs every second: find the running sagas past their deadline without reading every saga
-- that ever ran (finished ones are the vast majority and need no check).
create index saga_instance_running_deadline on saga_instance (deadline) where status = 'RUNNING';
