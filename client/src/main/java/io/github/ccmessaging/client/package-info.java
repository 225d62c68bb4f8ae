/**
 * Java client of the Dynamics 365 Contact Center Messaging API (custom messaging channel).
 *
 * <p>Start with {@link io.github.ccmessaging.client.MessagingClient#builder()}. Request and response types
 * are the generated models in {@code io.github.ccmessaging.client.model}; errors are
 * {@link io.github.ccmessaging.client.MessagingApiException} (the server answered with an error) and
 * {@link io.github.ccmessaging.client.MessagingTransportException} (the request did not complete).
 * {@link io.github.ccmessaging.client.EntraClientCredentials} supplies Microsoft Entra access tokens to the client.
 */
package io.github.ccmessaging.client;
