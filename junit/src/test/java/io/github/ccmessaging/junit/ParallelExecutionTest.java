package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Under {@code junit.jupiter.execution.parallel.enabled}: each extension instance has its own server, so classes run
 * side by side; what must not run side by side (tests sharing a server that is reset per method) does not, or fails
 * saying why. Fixtures meet at a barrier: when they were not run at the same time, the barrier times out.
 */
class ParallelExecutionTest {
    static final List<URI> BASE_URIS = new CopyOnWriteArrayList<>();
    static final List<Long> CONVERSATIONS_SEEN = new CopyOnWriteArrayList<>();
    static final AtomicInteger INSIDE = new AtomicInteger();
    static final AtomicInteger MOST_INSIDE = new AtomicInteger();
    static volatile CyclicBarrier meeting;

    @BeforeEach
    void reset() {
        BASE_URIS.clear();
        CONVERSATIONS_SEEN.clear();
        INSIDE.set(0);
        MOST_INSIDE.set(0);
        meeting = new CyclicBarrier(2);
    }

    @Test
    void testClassesRunSideBySideEachWithItsOwnEmulator() {
        FixtureRuns.runInParallel(false, FirstClassFixture.class, SecondClassFixture.class)
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(BASE_URIS).hasSize(2).doesNotHaveDuplicates();
        assertThat(CONVERSATIONS_SEEN).as("each saw only its own conversation").containsExactly(1L, 1L);
    }

    @Test
    void methodsOfAnAnnotatedClassResetPerMethodRunOneAfterAnotherEvenWhenConfiguredConcurrent() {
        FixtureRuns.runInParallel(true, SerialMethodsFixture.class)
                .testEvents().assertStatistics(s -> s.started(3).succeeded(3));

        assertThat(MOST_INSIDE.get()).isEqualTo(1);
        assertThat(CONVERSATIONS_SEEN).containsExactly(1L, 1L, 1L);
    }

    @Test
    void methodsSharingAnEmulatorWithStatePerClassRunSideBySide() {
        FixtureRuns.runInParallel(true, StatePerClassFixture.class)
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(BASE_URIS).hasSize(2).containsOnly(BASE_URIS.get(0));
    }

    @Test
    void methodsWithAnExtensionOnAnInstanceFieldRunSideBySideEachWithItsOwnEmulator() {
        FixtureRuns.runInParallel(true, InstanceFieldFixture.class)
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(BASE_URIS).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aRegisteredExtensionResetPerMethodRefusesATestStartingWhileAnotherRuns() {
        EngineExecutionResults results = FixtureRuns.runInParallel(true, RegisteredResetPerMethodFixture.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("started while another test of the same emulator was running")
                        && m.contains("@Execution(ExecutionMode.SAME_THREAD)")))));
    }

    @Test
    void oneStaticExtensionUsedByTwoClassesAtOnceRefusesTheSecond() {
        EngineExecutionResults results = FixtureRuns.runInParallel(false, FirstSubclassFixture.class,
                SecondSubclassFixture.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("one MessagingEmulatorExtension instance serves one test class")))));
    }

    /** Waits until the other fixture test arrives too; fails when it never does. */
    static void meetTheOther() throws Exception {
        meeting.await(20, TimeUnit.SECONDS);
    }

    /** Waits a little for a test that is not expected to arrive. */
    static void waitForOneThatIsRefused() throws InterruptedException, BrokenBarrierException {
        try {
            meeting.await(2, TimeUnit.SECONDS);
        } catch (TimeoutException expected) {
            // the other test was refused before it could arrive
        }
    }

    static void countConversationOfOwn(MessagingClient client) {
        client.createConversation();
        CONVERSATIONS_SEEN.add(client.activeConversations().count());
    }

    @MessagingEmulatorTest
    static class FirstClassFixture {
        @Test
        void meets(URI baseUri, MessagingClient client) throws Exception {
            BASE_URIS.add(baseUri);
            meetTheOther();
            countConversationOfOwn(client);
        }
    }

    @MessagingEmulatorTest
    static class SecondClassFixture extends FirstClassFixture {
    }

    @MessagingEmulatorTest
    static class SerialMethodsFixture {
        @Test
        void one(MessagingClient client) throws Exception {
            alone(client);
        }

        @Test
        void two(MessagingClient client) throws Exception {
            alone(client);
        }

        @Test
        void three(MessagingClient client) throws Exception {
            alone(client);
        }

        private static void alone(MessagingClient client) throws InterruptedException {
            MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
            TimeUnit.MILLISECONDS.sleep(200);
            countConversationOfOwn(client);
            INSIDE.decrementAndGet();
        }
    }

    @MessagingEmulatorTest(state = StateLifecycle.PER_CLASS)
    static class StatePerClassFixture {
        @Test
        void one(URI baseUri, MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) throws Exception {
            talk(baseUri, client, emulator, inbox);
        }

        @Test
        void two(URI baseUri, MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) throws Exception {
            talk(baseUri, client, emulator, inbox);
        }

        private static void talk(URI baseUri, MessagingClient client, EmulatorClient emulator, WebhookInbox inbox)
                throws Exception {
            BASE_URIS.add(baseUri);
            String id = client.createConversation().getConversationId();
            meetTheOther();
            emulator.sendAsRepresentative(id, "for " + id);
            assertThat(inbox.awaitMessage(id).activity().getText()).isEqualTo("for " + id);
        }
    }

    static class InstanceFieldFixture {
        @RegisterExtension
        MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().build();

        @Test
        void one() throws Exception {
            BASE_URIS.add(emulator.baseUri());
            meetTheOther();
        }

        @Test
        void two() throws Exception {
            one();
        }
    }

    static class RegisteredResetPerMethodFixture {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().build();

        @Test
        void one() throws Exception {
            waitForOneThatIsRefused();
        }

        @Test
        void two() throws Exception {
            waitForOneThatIsRefused();
        }
    }

    abstract static class SharedStaticExtension {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().build();

        @Test
        void waits() throws Exception {
            waitForOneThatIsRefused();
        }
    }

    static class FirstSubclassFixture extends SharedStaticExtension {
    }

    static class SecondSubclassFixture extends SharedStaticExtension {
    }
}
