package io.github.ccmessaging.server.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedStatementsTest {
    @TempDir
    Path dir;

    /** Records the JDBC statement each execution ran on. */
    private static final class Executed implements StatementCustomizer {
        final List<PreparedStatement> statements = new ArrayList<>();

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) {
            statements.add(statement);
        }
    }

    private Handle open(Executed executed) {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("t.db"));
        Handle handle = jdbi.open();
        handle.setStatementBuilder(new CachedStatements());
        handle.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        handle.addCustomizer(executed);
        return handle;
    }

    @Test
    void runsTheSameSqlOnOnePreparedStatementWithFreshParametersEachTime() {
        Executed executed = new Executed();
        try (Handle handle = open(executed)) {
            for (int k = 1; k <= 3; k++) {
                handle.createUpdate("INSERT INTO t (k, v) VALUES (:k, :v)").bind("k", k).bind("v", "v" + k).execute();
            }
            assertThat(handle.createQuery("SELECT v FROM t WHERE k = :k").bind("k", 2).mapTo(String.class).one())
                    .isEqualTo("v2");
            assertThat(handle.createQuery("SELECT v FROM t WHERE k = :k").bind("k", 3).mapTo(String.class).one())
                    .isEqualTo("v3");
            assertThat(handle.createUpdate("INSERT INTO t (k) VALUES (:k)").bind("k", 4).execute()).isEqualTo(1);
            assertThat(handle.createQuery("SELECT v FROM t WHERE k = 4").mapTo(String.class).one())
                    .as("a kept statement must not carry the previous write's parameters").isNull();
        }
        List<PreparedStatement> runs = executed.statements;
        assertThat(runs.subList(0, 3)).allSatisfy(s -> assertThat(s).isSameAs(runs.get(0)));
        assertThat(runs.get(4)).isSameAs(runs.get(3)).isNotSameAs(runs.get(0));
    }

    @Test
    void closeReleasesTheKeptStatementsAndTheNextUsePreparesAgain() throws Exception {
        Executed executed = new Executed();
        CachedStatements cache;
        try (Handle handle = open(executed)) {
            cache = (CachedStatements) handle.getStatementBuilder();
            handle.createUpdate("INSERT INTO t (k) VALUES (:k)").bind("k", 1).execute();
            PreparedStatement first = executed.statements.get(0);
            assertThat(first.isClosed()).isFalse();

            cache.close(handle.getConnection());

            assertThat(first.isClosed()).isTrue();
            handle.createUpdate("INSERT INTO t (k) VALUES (:k)").bind("k", 2).execute();
            assertThat(executed.statements.get(1)).isNotSameAs(first);
            assertThat(handle.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one()).isEqualTo(2);
        }
    }
}
