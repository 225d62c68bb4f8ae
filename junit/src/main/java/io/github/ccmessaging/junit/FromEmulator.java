package io.github.ccmessaging.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field the emulator extension sets: a {@link io.github.ccmessaging.client.MessagingClient}, an
 * {@link io.github.ccmessaging.client.EmulatorClient}, a {@link WebhookInbox}, the {@link ChannelCredentials} or the
 * base {@link java.net.URI}. Instance fields are set before each test (before {@code @BeforeEach} methods run),
 * static fields before {@code @BeforeAll} methods run. Test method parameters of these types need no annotation.
 *
 * <pre>{@code
 * @MessagingEmulatorTest
 * class MyChannelTest {
 *     @FromEmulator MessagingClient client;
 *     @FromEmulator WebhookInbox inbox;
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FromEmulator {
}
