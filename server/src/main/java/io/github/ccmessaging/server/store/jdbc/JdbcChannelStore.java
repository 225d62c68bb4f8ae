package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelStore;
import java.util.Optional;

/** Registered channels in the store's database. */
final class JdbcChannelStore implements ChannelStore {
    private final Transactions tx;

    JdbcChannelStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(Channel channel) {
        tx.write(h -> h.createUpdate("INSERT INTO channels (channel_id, organization_id, token, webhook_url, webhook_token) "
                        + "VALUES (:id, :organization, :token, :url, :webhookToken) ON CONFLICT (channel_id) DO UPDATE SET "
                        + "organization_id = excluded.organization_id, token = excluded.token, "
                        + "webhook_url = excluded.webhook_url, webhook_token = excluded.webhook_token")
                .bind("id", channel.channelId()).bind("organization", channel.organizationId())
                .bind("token", channel.token()).bind("url", channel.webhookUrl())
                .bind("webhookToken", channel.webhookToken())
                .execute());
    }

    @Override
    public Optional<Channel> find(String channelId) {
        return tx.read(h -> h.createQuery("SELECT channel_id, organization_id, token, webhook_url, webhook_token "
                        + "FROM channels WHERE channel_id = :id")
                .bind("id", channelId)
                .map((rs, ctx) -> new Channel(rs.getString("channel_id"), rs.getString("organization_id"),
                        rs.getString("token"), rs.getString("webhook_url"), rs.getString("webhook_token")))
                .findOne());
    }

    @Override
    public void clear() {
        tx.write(h -> h.createUpdate("DELETE FROM channels").execute());
    }
}
