package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.StoreFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class GroupCommitTransactionsTest {
    @TempDir
    Path dir;

    /** The store timeout of these tests: short, so a stuck writer is noticed within the test. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private GroupCommitTransactions tx;

    @BeforeEach
    void open() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        Jdbi jdbi = Jdbi.create(sqlite);
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)"));
        tx = new GroupCommitTransactions(jdbi, () -> { }, jdbi::open, TIMEOUT);
    }

    @AfterEach
    void close() {
        tx.close();
    }

    @Test
    void aWriteThatFailsInABatchLeavesTheOthersOfTheBatchStored() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int x = i;
            results.add(writers.submit(() -> {
                start.await();
                return tx.write(h -> {
                    h.execute("INSERT INTO t (x) VALUES (?)", x);
                    if (x == 7) {
                        throw new IllegalStateException("write 7 fails on purpose");
                    }
                    return x;
                });
            }));
        }
        start.countDown();

        for (int i = 0; i < 20; i++) {
            Future<Integer> result = results.get(i);
            if (i == 7) {
                assertThatThrownBy(result::get).hasRootCauseInstanceOf(IllegalStateException.class)
                        .hasRootCauseMessage("write 7 fails on purpose");
            } else {
                assertThat(result.get()).isEqualTo(i);
            }
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        List<Integer> stored = tx.read(h -> h.createQuery("SELECT x FROM t ORDER BY x").mapTo(Integer.class).list());
        assertThat(stored).hasSize(19).doesNotContain(7);
    }

    @Test
    void aWriteReturnsOnlyWhatItsCommittedTransactionStored() {
        int stored = tx.write(h -> h.execute("INSERT INTO t (x) VALUES (1)"));

        assertThat(stored).isEqualTo(1);
        int count = tx.read(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
        assertThat(count).isEqualTo(1);
    }

    @Test
    void writesAfterCloseFailAsStoreFailures() {
        tx.close();

        assertThatThrownBy(() -> tx.write(h -> h.execute("INSERT INTO t (x) VALUES (1)")))
                .isInstanceOf(StoreFailure.class);
        assertThat(tx.writeAsync(h -> h.execute("INSERT INTO t (x) VALUES (2)")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StoreFailure.class);
    }

    @Test
    void anAsynchronousWriteCompletesAfterItsCommitAndNotOnTheWriterThread() {
        CompletableFuture<String> completedOn = tx.writeAsync(h -> h.execute("INSERT INTO t (x) VALUES (1)"))
                .thenApply(stored -> {
                    int visible = tx.read(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
                    return stored + " stored, " + visible + " visible, on " + Thread.currentThread().getName();
                }).toCompletableFuture();

        assertThat(completedOn).succeedsWithin(Duration.ofSeconds(5)).asString()
                .startsWith("1 stored, 1 visible, on store-answers-");
        assertThat(tx.commitWait()).isEqualTo(CommitWait.ASYNC);
    }

    @Test
    void writesMadeWhileAnsweringAsynchronousWritesDoNotWaitForAnAnswerThread() {
        List<CompletableFuture<Integer>> chained = new ArrayList<>();
        for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
            int x = i;
            chained.add(tx.writeAsync(h -> h.execute("INSERT INTO t (x) VALUES (?)", x))
                    .thenApply(stored -> tx.write(h -> h.execute("INSERT INTO t (x) VALUES (?)", 1000 + x)))
                    .toCompletableFuture());
        }

        assertThat(CompletableFuture.allOf(chained.toArray(CompletableFuture[]::new)))
                .succeedsWithin(Duration.ofSeconds(10));
        int stored = tx.read(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(2 * chained.size());
    }

    @Test
    void aCommittedBatchIsHandedToTheAnswerThreadsInOneTaskPerThread() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        Jdbi jdbi = Jdbi.create(sqlite);
        ThreadPoolExecutor answers = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        GroupCommitTransactions counted = new GroupCommitTransactions(jdbi, () -> { }, jdbi::open, TIMEOUT,
                answers);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        writes.add(counted.<Integer>writeAsync(h -> {
            writing.countDown();
            await(release);
            return h.execute("INSERT INTO t (x) VALUES (0)");
        }).toCompletableFuture());
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 19; i++) {
            int x = i;
            writes.add(counted.writeAsync(h -> h.execute("INSERT INTO t (x) VALUES (?)", x)).toCompletableFuture());
        }
        release.countDown();

        assertThat(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)))
                .succeedsWithin(Duration.ofSeconds(10));
        counted.close();
        assertThat(answers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.getCompletedTaskCount()).as("one task for the first batch, two for the 19 queued behind it")
                .isEqualTo(3);
        assertThat(writes).allSatisfy(write -> assertThat(write).isCompletedWithValue(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAsynchronousWriteThatFailsCompletesWithItsOwnFailureAndStoresNothing() {
        CompletableFuture<Integer> failing = tx.<Integer>writeAsync(h -> {
            h.execute("INSERT INTO t (x) VALUES (1)");
            throw new IllegalStateException("fails on purpose");
        }).toCompletableFuture();

        assertThat(failing).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("fails on purpose");
        int stored = tx.read(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    @Nested
    class WhenTheWriterIsStuck {
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch writing = new CountDownLatch(1);
        private CompletableFuture<Integer> stuck;

        @BeforeEach
        void holdTheWriter() throws InterruptedException {
            stuck = tx.<Integer>writeAsync(h -> {
                writing.countDown();
                await(release, 30);
                return h.execute("INSERT INTO t (x) VALUES (0)");
            }).toCompletableFuture();
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        }

        @AfterEach
        void releaseTheWriter() {
            release.countDown();
        }

        @Test
        void aQueuedWriteFailsAsTransientSoonAfterTheTimeoutAndNeverRuns() throws Exception {
            AtomicInteger ran = new AtomicInteger();
            long start = System.nanoTime();
            CompletableFuture<Integer> queued = tx.<Integer>writeAsync(h -> {
                ran.incrementAndGet();
                return h.execute("INSERT INTO t (x) VALUES (1)");
            }).toCompletableFuture();

            assertThat(queued).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(StoreFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(StoreFailure.Kind.TRANSIENT));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMillis).as("answered after the timeout, well before the writer is free")
                    .isGreaterThanOrEqualTo(TIMEOUT.toMillis()).isLessThan(4_000);

            release.countDown();
            assertThat(stuck).succeedsWithin(Duration.ofSeconds(5));
            int written = tx.write(h -> h.execute("INSERT INTO t (x) VALUES (2)"));
            assertThat(written).as("the writer works again").isOne();
            assertThat(ran).as("the overdue write never ran").hasValue(0);
            List<Integer> stored = tx.read(h -> h.createQuery("SELECT x FROM t ORDER BY x").mapTo(Integer.class)
                    .list());
            assertThat(stored).containsExactly(0, 2);
        }

        @Test
        void aSynchronousWriteFailsToo() {
            assertThatThrownBy(() -> tx.write(h -> h.execute("INSERT INTO t (x) VALUES (1)")))
                    .isInstanceOf(StoreFailure.class).hasMessageContaining("did not start the write within 500 ms");
        }
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
