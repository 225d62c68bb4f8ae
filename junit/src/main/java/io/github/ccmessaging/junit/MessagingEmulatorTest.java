package io.github.ccmessaging.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the test class against the Messaging API emulator, started in this JVM, in memory, on a free loopback port,
 * serving the well-known development channel, with a {@link WebhookInbox} as the channel's webhook. Test methods (and
 * lifecycle methods) may declare parameters of type {@link io.github.ccmessaging.client.MessagingClient},
 * {@link io.github.ccmessaging.client.EmulatorClient}, {@link WebhookInbox}, {@link ChannelCredentials} or
 * {@link java.net.URI} (the base URI); fields of those types marked {@link FromEmulator} are set too.
 *
 * <pre>{@code
 * @MessagingEmulatorTest
 * class FirstConversationTest {
 *     @Test
 *     void representativeAnswers(MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) {
 *         String conversationId = client.createConversation().getConversationId();
 *         emulator.sendAsRepresentative(conversationId, "Hello!");
 *         assertEquals("Hello!", inbox.awaitMessage(conversationId).activity().getText());
 *     }
 * }
 * }</pre>
 *
 * <p>One emulator serves the class (and its {@code @Nested} classes); its state is forgotten before each test unless
 * {@link #state()} says {@link StateLifecycle#PER_CLASS}. When the class ends, the emulator is reset and kept for the
 * next class of the test run, which then starts in well under a millisecond. Test classes may run in parallel, each with its own
 * emulator; the methods of one class run one after another when their state is reset per method (a resource lock
 * of the class), and may run concurrently with {@link StateLifecycle#PER_CLASS}. For other channels, a webhook of
 * the test's own, or other server settings, register {@link MessagingEmulatorExtension} with
 * {@code @RegisterExtension} instead.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MessagingEmulatorExtension.class)
@ResourceLock(providers = SerialMethodsPerClass.class)
public @interface MessagingEmulatorTest {

    /**
     * When the emulator forgets conversations and what the inbox received.
     *
     * @return {@link StateLifecycle#PER_METHOD} (the default): before each test method
     */
    StateLifecycle state() default StateLifecycle.PER_METHOD;

    /**
     * Whether the server logs one line per request (logger {@code io.github.ccmessaging.server.requests}).
     *
     * @return false (the default): the test's output stays quiet
     */
    boolean requestLog() default false;
}
