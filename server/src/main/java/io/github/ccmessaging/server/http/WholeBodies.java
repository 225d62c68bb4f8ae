package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.Problem;
import io.github.ccmessaging.server.threads.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request to the application only once its whole body has arrived, so that no request thread ever waits for
 * a slow sender: the parts of a body are gathered here, on the network thread that reads them, and passed on as one.
 * A body that has not arrived {@link HttpLimits#bodyTimeout()} after its headers is answered {@code 408} and its
 * connection closed; a body that grows past the size limit is answered {@code 413}; and when the bodies being gathered
 * would hold more memory than {@code budgetBytes}, the newcomer is answered {@code 503}. These answers are written
 * here, as problem details, since the application never saw the request.
 */
public final class WholeBodies extends BaseFilter implements AddOn, AutoCloseable {
    /** The request attribute that tells the request handler a {@code 100 Continue} was already sent. */
    static final String ACKNOWLEDGED = WholeBodies.class.getName() + ".acknowledged";
    private static final Logger REQUESTS = LoggerFactory.getLogger(RequestLog.LOGGER);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Attribute<Gathering> gathering =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WholeBodies.class.getName() + ".gathering");
    private final long maxBodyBytes;
    private final Duration timeout;
    private final long budgetBytes;
    private final boolean logRequests;
    private final ObjectMapper json;
    private final AtomicLong gatheredBytes = new AtomicLong();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("body-timeouts"));

    /**
     * @param budgetBytes the most memory all bodies being gathered may hold together
     * @param logRequests whether the answers given here go to the request log
     */
    public WholeBodies(HttpLimits limits, long budgetBytes, boolean logRequests, ObjectMapper json) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.timeout = limits.bodyTimeout();
        this.budgetBytes = budgetBytes;
        this.logRequests = logRequests;
        this.json = json;
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The body of one request, as far as it has arrived. Guarded by itself: its timeout fires on another thread. */
    private static final class Gathering {
        final HttpRequestPacket request;
        final long startedNanos = System.nanoTime();
        final List<byte[]> parts = new ArrayList<>();
        long size;
        ScheduledFuture<?> timeout;
        boolean over;

        Gathering(HttpRequestPacket request) {
            this.request = request;
        }
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content) || !content.getHttpHeader().isRequest()) {
            return ctx.getInvokeAction();
        }
        Connection<?> connection = ctx.getConnection();
        HttpHeader header = content.getHttpHeader();
        Gathering current = gathering.get(connection);
        if (current == null || current.request != header) {
            if (content.isLast() || header.getContentLength() > maxBodyBytes) {
                // whole already, or refused by the application's size check without being read
                return ctx.getInvokeAction();
            }
            current = start(connection, (HttpRequestPacket) header);
        }
        synchronized (current) {
            if (current.over) {
                content.recycle();
                return ctx.getStopAction();
            }
            byte[] part = copy(content.getContent());
            current.parts.add(part);
            current.size += part.length;
            if (current.size > maxBodyBytes) {
                finish(connection, current);
                answerAndClose(connection, current, 413, "Payload Too Large",
                        "The request body is larger than " + maxBodyBytes + " bytes.", false);
                return ctx.getStopAction();
            }
            if (gatheredBytes.addAndGet(part.length) > budgetBytes) {
                finish(connection, current);
                answerAndClose(connection, current, 503, "Service Unavailable",
                        "The server holds as many incoming request bodies as it keeps in memory; retry shortly.", true);
                return ctx.getStopAction();
            }
            if (!content.isLast()) {
                return ctx.getStopAction();
            }
            finish(connection, current);
            ctx.setMessage(HttpContent.builder(header).content(joined(connection, current)).last(true).build());
            return ctx.getInvokeAction();
        }
    }

    private Gathering start(Connection<?> connection, HttpRequestPacket request) {
        Gathering started = new Gathering(request);
        gathering.set(connection, started);
        if (request.requiresAcknowledgement() && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            // the client sends its body only after this; the application must not send it a second time
            request.setAttribute(ACKNOWLEDGED, Boolean.TRUE);
            connection.write(Buffers.wrap(connection.getMemoryManager(), CONTINUE));
        }
        started.timeout = timer.schedule(() -> timedOut(connection, started), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return started;
    }

    private void timedOut(Connection<?> connection, Gathering late) {
        synchronized (late) {
            if (late.over) {
                return;
            }
            finish(connection, late);
            answerAndClose(connection, late, 408, "Request Timeout", "The request body did not arrive within "
                    + timeout.toMillis() / 1000.0 + " s of its headers; nothing was stored.", false);
        }
    }

    /** Ends the gathering of a body: whole, refused or timed out. Called holding {@code current}. */
    private void finish(Connection<?> connection, Gathering current) {
        current.over = true;
        if (current.timeout != null) {
            current.timeout.cancel(false);
        }
        gatheredBytes.addAndGet(-current.size);
        gathering.remove(connection);
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        Gathering left = gathering.get(ctx.getConnection());
        if (left != null) {
            synchronized (left) {
                if (!left.over) {
                    finish(ctx.getConnection(), left);
                }
            }
        }
        return ctx.getInvokeAction();
    }

    private static byte[] copy(Buffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        int position = buffer.position();
        buffer.get(bytes);
        buffer.position(position);
        return bytes;
    }

    private static Buffer joined(Connection<?> connection, Gathering whole) {
        byte[] body = new byte[Math.toIntExact(whole.size)];
        int at = 0;
        for (byte[] part : whole.parts) {
            System.arraycopy(part, 0, body, at, part.length);
            at += part.length;
        }
        return Buffers.wrap(connection.getMemoryManager(), body);
    }

    /** Writes a complete problem-details answer past the application, then closes the connection. */
    private void answerAndClose(Connection<?> connection, Gathering request, int status, String title, String detail,
                                boolean retryLater) {
        String correlationId = CorrelationIds.newId();
        byte[] body = problem(status, title, detail, correlationId);
        String head = "HTTP/1.1 " + status + " " + title + "\r\n"
                + "Content-Type: " + ProblemResponses.MEDIA_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + CorrelationIds.HEADER + ": " + correlationId + "\r\n"
                + (retryLater ? "Retry-After: 1\r\n" : "")
                + "Connection: close\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] whole = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, whole, 0, head8.length);
        System.arraycopy(body, 0, whole, head8.length, body.length);
        writeThenClose(connection, Buffers.wrap(connection.getMemoryManager(), whole));
        if (logRequests) {
            REQUESTS.info("{} {} {} {}ms correlation-id={}", request.request.getMethod(),
                    LogText.escape(request.request.getRequestURI()), status,
                    (System.nanoTime() - request.startedNanos) / 1_000_000, correlationId);
        }
    }

    /** Writes {@code answer} and closes the connection once it is written (or could not be). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void writeThenClose(Connection connection, Buffer answer) {
        connection.write(answer, new EmptyCompletionHandler() {
            @Override
            public void completed(Object result) {
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable throwable) {
                connection.closeSilently();
            }
        });
    }

    private byte[] problem(int status, String title, String detail, String correlationId) {
        try {
            return json.writeValueAsBytes(new Problem().type("about:blank").title(title).status(status).detail(detail)
                    .correlationId(correlationId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be written", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
