package io.github.ccmessaging.server.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The channels this server serves, by channel id: those registered at run time (kept in a {@link ChannelStore}), and
 * those it was started with. A registration replaces a start-up channel of the same id until {@link #reset()}.
 * Registrations found in the store are remembered for {@link #REFRESH}, so a change made through another server
 * instance on the same database is seen within that time.
 */
public final class ChannelRegistry {
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final Map<String, Channel> initial;
    private final ChannelStore registered;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Channel channel, long untilNanos) {
    }

    /** Start-up channels, with registrations kept in memory. */
    public ChannelRegistry(Channel... initial) {
        this(new InMemoryChannelStore(), initial);
    }

    public ChannelRegistry(ChannelStore registered, Channel... initial) {
        this.registered = registered;
        this.initial = Stream.of(initial).collect(Collectors.toUnmodifiableMap(Channel::channelId, Function.identity()));
    }

    public void register(Channel channel) {
        registered.save(channel);
        remembered.remove(channel.channelId());
    }

    public Optional<Channel> find(String channelId) {
        Remembered known = remembered.get(channelId);
        long now = System.nanoTime();
        if (known != null && now - known.untilNanos() < 0) {
            return Optional.of(known.channel());
        }
        Optional<Channel> found = registered.find(channelId).or(() -> Optional.ofNullable(initial.get(channelId)));
        // Only found channels are remembered: unknown ids from strangers must not fill the memory.
        found.ifPresentOrElse(channel -> remembered.put(channelId, new Remembered(channel, now + REFRESH.toNanos())),
                () -> remembered.remove(channelId));
        return found;
    }

    /** Forgets the channels registered at run time; the channels the server was started with remain. */
    public void reset() {
        registered.clear();
        remembered.clear();
    }
}
