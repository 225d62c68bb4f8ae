package io.github.ccmessaging.server.channel;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered channels in memory, forgotten at exit. */
public final class InMemoryChannelStore implements ChannelStore {
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    @Override
    public void save(Channel channel) {
        channels.put(channel.channelId(), channel);
    }

    @Override
    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    @Override
    public void clear() {
        channels.clear();
    }
}
