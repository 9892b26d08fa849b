-- Inbox retention deletes rows by age: find them without reading the whole inbox.
create index inbox_message_processed_at on inbox_message (processed_at);
