package io.github.ccmessaging.server.channel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The channels this server serves, by channel id. */
public final class ChannelRegistry {
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    public ChannelRegistry(Channel... initial) {
        for (Channel channel : initial) {
            register(channel);
        }
    }

    public void register(Channel channel) {
        channels.put(channel.channelId(), channel);
    }

    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }
}
