/**
 * Receiving the webhook of a custom messaging channel: what Dynamics 365 Contact Center (and this project's
 * emulator) posts to {@code {webhookUrl}/v3/conversations/{conversationId}/activities} for every action of the
 * representative side.
 *
 * <p>{@link io.github.ccmessaging.client.webhook.WebhookReceiver} checks and parses one request into a
 * {@link io.github.ccmessaging.client.webhook.ReceivedActivity} (the generated
 * {@link io.github.ccmessaging.client.webhook.model.WebhookActivity} and its conversation id) and can be mounted in
 * any HTTP server; {@link io.github.ccmessaging.client.webhook.WebhookReceiver#httpHandler(java.util.function.Consumer)}
 * adapts it to the JDK's {@code com.sun.net.httpserver}. A rejected request raises
 * {@link io.github.ccmessaging.client.webhook.WebhookRejectedException} with the status to answer.
 */
package io.github.ccmessaging.client.webhook;
