/**
 * Java client of the Dynamics 365 Contact Center Messaging API (custom messaging channel).
 *
 * <p>Start with {@link io.github.ccmessaging.client.MessagingClient#builder()}. Request and response types
 * are the generated models in {@code io.github.ccmessaging.client.model}; errors are
 * {@link io.github.ccmessaging.client.MessagingApiException} (the server answered with an error) and
 * {@link io.github.ccmessaging.client.MessagingTransportException} (the request did not complete).
 * {@link io.github.ccmessaging.client.EntraClientCredentials} supplies Microsoft Entra access tokens to the client.
 * {@link io.github.ccmessaging.client.EmulatorClient} (from
 * {@link io.github.ccmessaging.client.MessagingClient#emulator()}) plays the representative against this project's
 * emulator in test suites; {@code io.github.ccmessaging.client.webhook} receives what the representative side sends
 * to the channel's webhook.
 */
package io.github.ccmessaging.client;
