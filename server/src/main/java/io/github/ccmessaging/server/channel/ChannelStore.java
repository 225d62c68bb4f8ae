package io.github.ccmessaging.server.channel;

import java.util.Optional;

/** Where channels registered at run time are kept, so that they outlive a restart and are shared by instances. */
public interface ChannelStore {

    /** Adds the channel, or replaces the one with its id. */
    void save(Channel channel);

    Optional<Channel> find(String channelId);

    /** Forgets every registered channel. */
    void clear();
}
