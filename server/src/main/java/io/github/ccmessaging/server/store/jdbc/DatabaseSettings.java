package io.github.ccmessaging.server.store.jdbc;

import java.util.Objects;

/**
 * Where a PostgreSQL store lives.
 *
 * @param url a {@code jdbc:postgresql://} URL
 * @param user the user to log in as (null: the driver's default or the URL's)
 * @param password the user's password (null: none)
 * @param schema the schema holding the tables, created when missing (null: the user's default, usually {@code public})
 */
public record DatabaseSettings(String url, String user, String password, String schema) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database-url must be a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
        }
        if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("the schema name must be a lower-case SQL identifier");
        }
    }

    // Keeps the password out of logs.
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", schema=" + schema + "]";
    }
}
