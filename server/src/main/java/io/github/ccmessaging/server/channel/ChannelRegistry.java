package io.github.ccmessaging.server.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The channels this server serves, by channel id: those it was started with, and those registered at run time. */
public final class ChannelRegistry {
    private final List<Channel> initial;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    public ChannelRegistry(Channel... initial) {
        this.initial = List.of(initial);
        reset();
    }

    public void register(Channel channel) {
        channels.put(channel.channelId(), channel);
    }

    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** Forgets the channels registered at run time; the channels the server was started with remain. */
    public void reset() {
        channels.clear();
        initial.forEach(this::register);
    }
}
