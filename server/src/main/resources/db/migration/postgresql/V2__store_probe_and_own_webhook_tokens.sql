-- One row that /health rewrites to prove the store can still write (a read-only or full disk fails it).
CREATE TABLE store_probe (
    id        INTEGER PRIMARY KEY,
    probed_at BIGINT NOT NULL
);
INSERT INTO store_probe (id, probed_at) VALUES (1, 0);

-- A webhook never gets the channel's API token: channels registered before without a webhook token get their own.
UPDATE channels SET webhook_token = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
    WHERE webhook_url IS NOT NULL AND webhook_token IS NULL;
