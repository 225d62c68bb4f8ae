package io.github.ccmessaging.server.fastpath;

import io.github.ccmessaging.server.stream.EventStreams;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.ValidationInterceptor;

/**
 * The server's shortcuts on the hot path, switched on or off together ({@code --no-fast-path}, {@code
 * ServerSettings.Builder#fastPath}); neither changes an answer, each only skips work that cannot change it:
 * <ul>
 *   <li><b>validation</b>: {@link QuickValidation} skips Jersey's executable bean validation of a request whose
 *       arguments {@link QuickCheck} finds certainly valid; a request it is not sure of is validated as without it;</li>
 *   <li><b>in place</b>: {@link InPlacePosts} answers a POST whose whole body has arrived on the selector thread that
 *       read it, when the store never waits (in memory), instead of handing it to a request thread;</li>
 *   <li><b>direct stream writes</b>: the event streams ({@link EventStreams}) write each stream's events, after the
 *       opening ones, straight to its connection as bytes built once for every stream, a batch per write, never
 *       blocking on a client that does not read, instead of one event at a time through Jersey's event sink.</li>
 * </ul>
 * How often each was taken is on {@code /metrics}: {@code validation_fast_path_total},
 * {@code requests_served_in_place_total} and {@code stream_batches_written_directly_total} (all 0 with the fast path
 * off). What each gains is measured in
 * {@code bench/README.md} ("The fast path"), not here.
 */
public final class FastPath {
    static final String VALIDATION_METER = "validation_fast_path";
    static final String IN_PLACE_METER = "requests_served_in_place";
    static final String STREAM_WRITES_METER = "stream_batches_written_directly";

    private final boolean on;
    private final LongAdder validationSkipped = new LongAdder();
    private final LongAdder servedInPlace = new LongAdder();

    /** {@code on}: take the shortcuts; false: every request takes the general path. */
    public FastPath(boolean on) {
        this.on = on;
    }

    /** Whether the shortcuts are taken. */
    public boolean on() {
        return on;
    }

    /** Registers the counters in {@code meters}, and when on, the quick validation in front of Jersey's. */
    public void register(ResourceConfig config, MeterRegistry meters, EventStreams streams) {
        FunctionCounter.builder(STREAM_WRITES_METER, streams, EventStreams::batchesWrittenDirectly)
                .description("Batches of stream events written straight to their connection instead of through "
                        + "Jersey's event sink")
                .register(meters);
        FunctionCounter.builder(VALIDATION_METER, validationSkipped, LongAdder::sum)
                .description("Requests whose parameters skipped the executable bean validation: the quick check "
                        + "found every constraint kept")
                .register(meters);
        FunctionCounter.builder(IN_PLACE_METER, servedInPlace, LongAdder::sum)
                .description("Requests answered on the selector thread that read them, without a hand-off to a "
                        + "request thread")
                .register(meters);
        if (on) {
            config.register(new QuickValidation(validationSkipped), ValidationInterceptor.class);
        }
    }

    /**
     * On which threads Jersey serves each request: when on and {@code storeNeverWaits}, a POST whose whole body has
     * arrived on the selector thread that read it ({@link InPlacePosts}); anything else on the request threads.
     */
    public RequestExecutorProvider executors(boolean storeNeverWaits) {
        RequestExecutorProvider requestThreads = new RequestExecutorProvider.WorkerThreadProvider();
        return on && storeNeverWaits ? new InPlacePosts(requestThreads, servedInPlace) : requestThreads;
    }
}
