package io.github.ccmessaging.server.emulator;

import io.github.ccmessaging.server.channel.Channel;

/** Hands an activity of the representative's side to the channel's webhook; returns at once. */
@FunctionalInterface
public interface WebhookSender {
    void send(Channel channel, String conversationId, long messageId, String activityJson);
}
