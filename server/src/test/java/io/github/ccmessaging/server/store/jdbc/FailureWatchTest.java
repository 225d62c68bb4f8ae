package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreFailure;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.LogCapture;
import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FailureWatchTest {
    private static final StoreFailure READ_ONLY = new StoreFailure("write failed", null, StoreFailure.Kind.PERMANENT,
            "the database is read-only");
    private static final StoreFailure FULL = new StoreFailure("write failed", null, StoreFailure.Kind.PERMANENT,
            "the disk is full");
    private static final StoreFailure UNREACHABLE = new StoreFailure("no connection", null,
            StoreFailure.Kind.TRANSIENT, "the database cannot be reached");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailureWatch watch = new FailureWatch(now::get);
    private final LogCapture log = LogCapture.of(FailureWatch.class);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Nested
    class Readiness {
        @Test
        void aFailedWriteMakesTheStoreUnhealthyUntilAWriteSucceeds() {
            watch.writeFailed(READ_ONLY);

            assertThatThrownBy(watch::throwIfWritesFail).isSameAs(READ_ONLY);
            watch.writeSucceeded();
            assertThatCode(watch::throwIfWritesFail).doesNotThrowAnyException();
        }

        @Test
        void aProbesSuccessDoesNotHideARequestsFailedWriteButTheFailureIsForgottenAfterAWhile() {
            watch.writeFailed(FULL);
            watch.probeSucceeded();

            assertThatThrownBy(watch::throwIfWritesFail).as("a small probe may fit where a request did not")
                    .isSameAs(FULL);
            pass(FailureWatch.FAILED_WRITE_MEMORY.minusMillis(1));
            assertThatThrownBy(watch::throwIfWritesFail).isSameAs(FULL);
            pass(Duration.ofMillis(1));
            assertThatCode(watch::throwIfWritesFail).as("an idle instance becomes ready again")
                    .doesNotThrowAnyException();
        }

        @Test
        void aFailedReadDoesNotMakeWritesUnhealthy() {
            watch.readFailed(UNREACHABLE);

            assertThatCode(watch::throwIfWritesFail).doesNotThrowAnyException();
        }
    }

    @Nested
    class Log {
        @Test
        void aFailureThatNeedsAnOperatorIsLoggedOnceAsAnErrorWithWhatToDo() {
            for (int i = 0; i < 10; i++) {
                watch.writeFailed(READ_ONLY);
            }
            watch.probeFailed(READ_ONLY);

            assertThat(log.at(Level.ERROR)).singleElement().asString()
                    .startsWith("THE STORE CANNOT WORK: the database is read-only.")
                    .contains("every write is answered 500 without Retry-After")
                    .contains("What to do: make the data directory and its database files writable");
            assertThat(log.at(Level.WARN)).isEmpty();
        }

        @Test
        void anotherConditionIsToldToo() {
            watch.writeFailed(READ_ONLY);
            watch.writeFailed(FULL);

            assertThat(log.at(Level.ERROR)).hasSize(2);
            assertThat(log.at(Level.ERROR).get(1)).contains("the disk is full").contains("free space on the disk");
        }

        @Test
        void aFailureThatPassesIsAWarningOnceThenACountEveryTenSecondsThenTheRecovery() {
            watch.writeFailed(UNREACHABLE);
            watch.readFailed(UNREACHABLE);
            pass(FailureWatch.REPORT_EVERY.minusSeconds(1));
            watch.writeFailed(UNREACHABLE);
            assertThat(log.at(Level.WARN)).hasSize(1);
            pass(Duration.ofSeconds(1));
            watch.writeFailed(UNREACHABLE);
            pass(Duration.ofMillis(500));
            watch.writeSucceeded();
            watch.writeSucceeded();

            assertThat(log.at(Level.WARN)).containsExactly(
                    "The store fails: the database cannot be reached; requests get 503 with Retry-After and /health "
                            + "reports the store DOWN until it answers again (no connection)",
                    "The store still fails: the database cannot be reached; 3 store calls failed in the last 10 s",
                    "The store works again after 10500 ms; 4 store calls failed meanwhile");
            assertThat(log.at(Level.ERROR)).isEmpty();
        }

        @Test
        void aNewOutageAfterTheRecoveryIsToldAgain() {
            watch.writeFailed(READ_ONLY);
            watch.probeSucceeded();
            watch.writeFailed(READ_ONLY);

            assertThat(log.at(Level.ERROR)).hasSize(2);
            assertThat(log.at(Level.WARN)).singleElement().asString().startsWith("The store works again");
        }
    }
}
