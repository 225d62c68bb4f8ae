-- Times are epoch nanoseconds (created_at, received_at) or epoch milliseconds (next_attempt_at, lease_until).
CREATE TABLE channels (
    channel_id      TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    token           TEXT NOT NULL,
    webhook_url     TEXT,
    webhook_token   TEXT
);

CREATE TABLE conversations (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    channel_id      TEXT NOT NULL,
    customer_id     TEXT,
    context_json    TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    is_open         INTEGER NOT NULL,
    read_up_to      INTEGER NOT NULL DEFAULT 0,
    last_message_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_by_channel ON conversations (channel_id, seq);
CREATE INDEX conversations_by_customer ON conversations (channel_id, customer_id);

CREATE TABLE create_requests (
    channel_id       TEXT NOT NULL,
    request_id       TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    is_new           INTEGER NOT NULL,
    start_message_id INTEGER,
    PRIMARY KEY (channel_id, request_id)
);

CREATE TABLE activities (
    conversation_id TEXT NOT NULL,
    message_id      INTEGER NOT NULL,
    client_id       TEXT,
    type            TEXT NOT NULL,
    json            TEXT NOT NULL,
    received_at     INTEGER NOT NULL,
    sender          TEXT NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
);
CREATE UNIQUE INDEX activities_by_client_id ON activities (conversation_id, client_id);

CREATE TABLE deliveries (
    conversation_id TEXT NOT NULL,
    message_id      INTEGER NOT NULL,
    webhook_url     TEXT,
    token           TEXT,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    last_error      TEXT,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    PRIMARY KEY (conversation_id, message_id)
);
CREATE INDEX deliveries_pending ON deliveries (status, conversation_id, message_id);
