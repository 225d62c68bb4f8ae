package io.github.ccmessaging.junit;

import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.ChannelRegistration;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.channel.Channel;
import java.net.URI;
import java.util.Optional;

/** One emulator of the extension: the server, its webhook inbox (unless the test has its own) and a client. */
final class RunningEmulator implements AutoCloseable {
    private final MessagingServer server;
    private final WebhookInbox inbox;
    private final ChannelCredentials credentials;
    private final MessagingClient client;
    private volatile URI webhookOfTheTest;

    private RunningEmulator(MessagingServer server, WebhookInbox inbox, ChannelCredentials credentials) {
        this.server = server;
        this.inbox = inbox;
        this.credentials = credentials;
        this.client = credentials.clientBuilder(server.baseUri()).build();
    }

    static RunningEmulator start(EmulatorOptions options) {
        ChannelCredentials channel = options.credentials();
        WebhookInbox inbox = options.webhookUrl() == null ? WebhookInbox.start(channel.webhookToken()) : null;
        URI webhook = inbox != null ? inbox.url() : options.webhookUrl();
        try {
            ServerSettings.Builder settings = ServerSettings.builder().port(0).requestLog(options.requestLog())
                    .channel(new Channel(channel.channelId(), channel.organizationId(), channel.token(),
                            webhook.toString(), channel.webhookToken()));
            if (options.settings() != null) {
                options.settings().accept(settings);
            }
            return new RunningEmulator(MessagingServer.start(settings.build()), inbox, channel);
        } catch (RuntimeException e) {
            if (inbox != null) {
                inbox.close();
            }
            throw e;
        }
    }

    URI baseUri() {
        return server.baseUri();
    }

    MessagingClient client() {
        return client;
    }

    ChannelCredentials credentials() {
        return credentials;
    }

    Optional<WebhookInbox> inbox() {
        return Optional.ofNullable(inbox);
    }

    /** Forgets every conversation and what the inbox received; a webhook given by {@link #useWebhook} stays. */
    void reset() {
        server.reset();
        if (inbox != null) {
            inbox.clear();
        }
        if (webhookOfTheTest != null) {
            register(webhookOfTheTest);
        }
    }

    /** Back to how it started, for another test class: state forgotten, the webhook the configured one. */
    void recycle() {
        webhookOfTheTest = null;
        reset();
    }

    /** From now on the channel's webhook is the test's own, also after a reset. */
    void useWebhook(URI url) {
        register(url);
        webhookOfTheTest = url;
    }

    private void register(URI webhook) {
        client.emulator().registerChannel(credentials.channelId(), new ChannelRegistration()
                .organizationId(credentials.organizationId()).token(credentials.token())
                .webhookUrl(webhook.toString()).webhookToken(credentials.webhookToken()));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (inbox != null) {
                inbox.close();
            }
        }
    }
}
