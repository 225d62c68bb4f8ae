package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** When the emulator starts, resets and stops, seen from fixture classes run on the Jupiter engine. */
class EmulatorLifecycleTest {
    /** What the fixtures saw, in the order they saw it; cleared before each run. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetWhatFixturesSaw() {
        SEEN.clear();
    }

    @Nested
    class State {
        @Test
        void isForgottenBeforeEachTestByDefault() {
            FixtureRuns.run(StatePerMethodFixture.class).testEvents().assertStatistics(s -> s.succeeded(2));

            assertThat(SEEN).as("conversations and inbox deliveries the second test found").containsExactly(0L, 0);
        }

        @Test
        void isKeptForTheClassWhenAsked() {
            FixtureRuns.run(StatePerClassFixture.class).testEvents().assertStatistics(s -> s.succeeded(2));

            assertThat(SEEN).containsExactly(1L, 1);
        }

        @Test
        void isForgottenWhenTheTestResetsItself() {
            FixtureRuns.run(ResetInTheTestFixture.class).testEvents().assertStatistics(s -> s.succeeded(1));

            assertThat(SEEN).containsExactly(1L, 0L);
        }
    }

    @Nested
    class Servers {
        @Test
        void oneServesTheClassAndItsNestedClassesAndStopsWhenTheRunEnds() {
            FixtureRuns.run(SharedByNestedClassesFixture.class).testEvents().assertStatistics(s -> s.succeeded(3));

            assertThat(SEEN).hasSize(3).containsOnly(SEEN.get(0));
            assertThatThrownBy(() -> get((URI) SEEN.get(0))).isInstanceOf(IOException.class);
        }

        @Test
        void aLaterClassGetsTheEmulatorOfAnEarlierOneResetWithItsOwnWebhookAgain() {
            FixtureRuns.runInOrder(EarlierClassFixture.class, LaterClassFixture.class)
                    .testEvents().assertStatistics(s -> s.succeeded(2));

            assertThat(SEEN).as("base URI, then base URI, conversations and inbox deliveries the later class found")
                    .containsExactly(SEEN.get(0), SEEN.get(0), 0L, 0, "delivered to the inbox");
        }

        @Test
        void eachTestOfAnExtensionOnAnInstanceFieldHasAnEmulatorToItself() {
            FixtureRuns.run(InstanceFieldFixture.class).testEvents().assertStatistics(s -> s.succeeded(2));

            assertThat(SEEN).as("conversations each test found before creating its own").containsExactly(0L, 0L);
        }

        @Test
        void anEmulatorWithServerSettingsOfTheTestsOwnStopsWithItsClass() {
            FixtureRuns.runInOrder(OwnServerSettingsFixture.class, AfterOwnServerSettingsFixture.class)
                    .testEvents().assertStatistics(s -> s.succeeded(2));

            assertThat(SEEN).hasSize(2).element(1).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Mistakes {
        @Test
        void extendWithAloneSaysToUseTheAnnotationOrTheBuilder() {
            EngineExecutionResults results = FixtureRuns.run(ExtendWithAloneFixture.class);

            results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains("without @MessagingEmulatorTest")))));
        }

        @Test
        void aFromEmulatorFieldOfAnotherTypeIsNamed() {
            EngineExecutionResults results = FixtureRuns.run(FieldOfAnotherTypeFixture.class);

            results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.contains(FieldOfAnotherTypeFixture.class.getName() + ".name must be non-final "
                            + "and of type MessagingClient")))));
        }

        @Test
        void anInboxParameterWithAWebhookOfTheTestsOwnSaysThereIsNone() {
            EngineExecutionResults results = FixtureRuns.run(NoInboxFixture.class);

            results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(m -> m.contains("There is no webhook inbox")))));
        }

        @Test
        void theExtensionOutsideItsTestsSaysWhenItRuns() {
            MessagingEmulatorExtension idle = MessagingEmulatorExtension.newInstance().build();

            assertThatThrownBy(idle::client).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("runs only while the tests of its class run");
        }
    }

    private static int get(URI baseUri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUri + "/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @MessagingEmulatorTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StatePerMethodFixture {
        @Test
        @Order(1)
        void leavesAConversationAndADelivery(MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) {
            String id = client.createConversation().getConversationId();
            emulator.sendAsRepresentative(id, "Hello");
            inbox.awaitMessage(id);
        }

        @Test
        @Order(2)
        void findsThem(MessagingClient client, WebhookInbox inbox) {
            SEEN.add(client.activeConversations().count());
            SEEN.add(inbox.received().size());
        }
    }

    @MessagingEmulatorTest(state = StateLifecycle.PER_CLASS)
    static class StatePerClassFixture extends StatePerMethodFixture {
    }

    static class ResetInTheTestFixture {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .state(StateLifecycle.PER_CLASS).build();

        @Test
        void resets() {
            emulator.client().createConversation();
            SEEN.add(emulator.client().activeConversations().count());
            emulator.reset();
            SEEN.add(emulator.client().activeConversations().count());
        }
    }

    @MessagingEmulatorTest
    static class SharedByNestedClassesFixture {
        @Test
        void outer(URI baseUri) {
            SEEN.add(baseUri);
        }

        @Nested
        class Inner {
            @Test
            void inner(URI baseUri) {
                SEEN.add(baseUri);
            }

            @Nested
            class Innermost {
                @Test
                void innermost(URI baseUri) {
                    SEEN.add(baseUri);
                }
            }
        }
    }

    static class InstanceFieldFixture {
        @RegisterExtension
        MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().state(StateLifecycle.PER_CLASS)
                .build();

        @Test
        void first() {
            SEEN.add(emulator.client().activeConversations().count());
            emulator.client().createConversation();
        }

        @Test
        void second() {
            first();
        }
    }

    @Order(1)
    static class EarlierClassFixture {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .state(StateLifecycle.PER_CLASS).build();

        @Test
        void leavesStateAndAWebhookOfItsOwn() {
            SEEN.add(emulator.baseUri());
            String id = emulator.client().createConversation().getConversationId();
            emulator.emulator().sendAsRepresentative(id, "Hello");
            emulator.inbox().awaitMessage(id);
            emulator.useWebhook(URI.create("http://127.0.0.1:9/elsewhere"));
        }
    }

    @MessagingEmulatorTest(state = StateLifecycle.PER_CLASS)
    @Order(2)
    static class LaterClassFixture {
        @Test
        void findsNone(URI baseUri, MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) {
            SEEN.add(baseUri);
            SEEN.add(client.activeConversations().count());
            SEEN.add(inbox.received().size());
            String id = client.createConversation().getConversationId();
            emulator.sendAsRepresentative(id, "Hello again");
            inbox.awaitMessage(id);
            SEEN.add("delivered to the inbox");
        }
    }

    @Order(1)
    static class OwnServerSettingsFixture {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .serverSettings(settings -> settings.requestThreads(2)).build();

        @Test
        void remembersWhereItRuns() {
            SEEN.add(emulator.baseUri());
        }
    }

    @Order(2)
    static class AfterOwnServerSettingsFixture {
        @Test
        void cannotReachIt() {
            try {
                SEEN.add(get((URI) SEEN.get(0)));
            } catch (IOException | InterruptedException e) {
                SEEN.add(e);
            }
        }
    }

    @ExtendWith(MessagingEmulatorExtension.class)
    static class ExtendWithAloneFixture {
        @Test
        void neverRuns() {
        }
    }

    @MessagingEmulatorTest
    static class FieldOfAnotherTypeFixture {
        @FromEmulator
        String name;

        @Test
        void neverRuns() {
        }
    }

    static class NoInboxFixture {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .webhookUrl(URI.create("http://127.0.0.1:9/webhook")).build();

        @Test
        void asksForAnInbox(WebhookInbox inbox) {
        }
    }
}
