-- Most activities have no client id: index only those that have one, so an append writes one index page fewer.
-- Uniqueness is unchanged (NULLs never collided), and the look-up by client id (client_id = ?) still uses the index.
DROP INDEX activities_by_client_id;
CREATE UNIQUE INDEX activities_by_client_id ON activities (conversation_id, client_id) WHERE client_id IS NOT NULL;
