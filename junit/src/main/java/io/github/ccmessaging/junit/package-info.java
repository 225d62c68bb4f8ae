/**
 * The Messaging API emulator in a channel's own JUnit tests: {@link io.github.ccmessaging.junit.MessagingEmulatorTest}
 * on a test class (or {@link io.github.ccmessaging.junit.MessagingEmulatorExtension} with {@code @RegisterExtension})
 * starts the server in the test's JVM, in memory, on a free port; tests receive a ready
 * {@link io.github.ccmessaging.client.MessagingClient}, the representative's side
 * ({@link io.github.ccmessaging.client.EmulatorClient}) and a {@link io.github.ccmessaging.junit.WebhookInbox} that
 * records what the emulator delivers to the channel's webhook.
 */
package io.github.ccmessaging.junit;
