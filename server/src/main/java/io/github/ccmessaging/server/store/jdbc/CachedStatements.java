package io.github.ccmessaging.server.store.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one handle for reuse, so SQLite compiles each statement once instead of once per
 * write. For the single writer connection only: it is not thread-safe. Statements that return generated keys are not
 * kept.
 */
final class CachedStatements implements StatementBuilder {
    private final StatementBuilder fresh = new DefaultStatementBuilder();
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return fresh.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return fresh.create(connection, sql, context);
        }
        PreparedStatement statement = prepared.get(sql);
        if (statement != null && !statement.isClosed()) {
            return statement;
        }
        statement = fresh.create(connection, sql, context);
        prepared.put(sql, statement);
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context)
            throws SQLException {
        return fresh.createCall(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        // Jdbi names a statement here by its SQL before rendering, so a kept one is recognised among the values
        if (prepared.containsValue(statement) && !statement.isClosed()) {
            ((PreparedStatement) statement).clearParameters();
        } else {
            fresh.close(connection, sql, statement);
        }
    }

    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection closes next, taking its statements with it
            }
        }
        prepared.clear();
    }
}
