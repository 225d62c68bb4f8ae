package io.github.ccmessaging.junit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.client.webhook.WebhookReceiver;
import io.github.ccmessaging.client.webhook.WebhookRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A channel's webhook for tests: a real HTTP endpoint on a free loopback port that records every activity the
 * emulator delivers to it (the representative's messages, typing, system events such as {@code AgentAccepted}),
 * after checking the bearer token the emulator sends. Tests wait for what they expect; a wait that times out fails
 * with a message listing what did arrive.
 *
 * <p>Each {@code await...} returns the first matching activity that no earlier {@code await...} returned, so
 * waiting twice for a message of a conversation returns its first and then its second message. Deliveries arrive in
 * order per conversation.
 *
 * <pre>{@code
 * emulator.sendAsRepresentative(conversationId, "It ships today.");
 * assertThat(inbox.awaitMessage(conversationId).activity().getText()).isEqualTo("It ships today.");
 * inbox.awaitEvent(conversationId, "ConversationClose");
 * }</pre>
 *
 * <p>The extension starts one for each emulator (unless a webhook URL of the test's own is configured); it can also
 * be started on its own with {@link #start(String)}. Thread-safe.
 */
public final class WebhookInbox implements AutoCloseable {

    /** How long the {@code await...} methods without a timeout wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The path under which the emulator posts; it appends {@code /v3/conversations/{id}/activities}. */
    private static final String BASE_PATH = "/webhook";
    /** The receiver's default limit; read one byte more, so that it can tell a longer body. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer http;
    private final URI url;
    private final String token;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<ReceivedActivity> received = new ArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    private final Set<ReceivedActivity> returned = Collections.newSetFromMap(new IdentityHashMap<>());

    private WebhookInbox(String token) throws IOException {
        this.token = token;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        WebhookReceiver receiver = WebhookReceiver.builder().bearerToken(token).build();
        http.createContext(BASE_PATH, exchange -> receive(receiver, exchange));
        http.start();
        this.url = URI.create("http://" + loopback.getHostAddress() + ":" + http.getAddress().getPort() + BASE_PATH);
    }

    /**
     * Starts an inbox on a free loopback port.
     *
     * @param token the bearer token it accepts: the channel's webhook token
     * @return the running inbox; close it when done
     * @throws UncheckedIOException when no port can be opened
     */
    public static WebhookInbox start(String token) {
        Objects.requireNonNull(token, "token");
        try {
            return new WebhookInbox(token);
        } catch (IOException e) {
            throw new UncheckedIOException("The webhook inbox could not listen on a loopback port", e);
        }
    }

    /**
     * The webhook URL to give the emulator, e.g. {@code http://127.0.0.1:41234/webhook}.
     *
     * @return the base URL of this webhook
     */
    public URI url() {
        return url;
    }

    /**
     * The bearer token this inbox accepts; deliveries with another one are answered 401 and listed in
     * {@link #rejections()}.
     *
     * @return the webhook token
     */
    public String token() {
        return token;
    }

    /**
     * Everything received so far, in the order of arrival.
     *
     * @return a copy
     */
    public List<ReceivedActivity> received() {
        lock.lock();
        try {
            return List.copyOf(received);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What was received so far for one conversation, in order.
     *
     * @param conversationId the conversation's id
     * @return a copy
     */
    public List<ReceivedActivity> received(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return received().stream().filter(a -> a.conversationId().equals(conversationId)).toList();
    }

    /**
     * The deliveries this inbox refused (wrong bearer token, malformed activity), each as method, path, status and
     * reason. Empty when the emulator and the inbox agree.
     *
     * @return a copy
     */
    public List<String> rejections() {
        lock.lock();
        try {
            return List.copyOf(rejections);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} for a message of the representative to the conversation.
     *
     * @param conversationId the conversation's id
     * @return the message
     * @throws AssertionError when none arrives in time
     * @see #awaitMessage(String, Duration)
     */
    public ReceivedActivity awaitMessage(String conversationId) {
        return awaitMessage(conversationId, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for a message of the representative to the conversation (an activity of type {@code message} without an
     * event {@code name}) that no earlier wait returned.
     *
     * @param conversationId the conversation's id
     * @param timeout how long to wait
     * @return the message; {@code activity().getText()} is its text
     * @throws AssertionError when none arrives in time; its message lists what did arrive
     */
    public ReceivedActivity awaitMessage(String conversationId, Duration timeout) {
        Objects.requireNonNull(conversationId, "conversationId");
        return await("a message of conversation " + conversationId,
                a -> a.conversationId().equals(conversationId) && "message".equals(a.type()) && a.name() == null,
                timeout);
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} for the system event of that name, in any conversation.
     *
     * @param name the event's name, e.g. {@code AgentAccepted} or {@code ConversationClose}
     * @return the event
     * @throws AssertionError when none arrives in time
     */
    public ReceivedActivity awaitEvent(String name) {
        return awaitEvent(name, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for the system event of that name, in any conversation, that no earlier wait returned.
     *
     * @param name the event's name, e.g. {@code AgentAccepted}
     * @param timeout how long to wait
     * @return the event
     * @throws AssertionError when none arrives in time; its message lists what did arrive
     */
    public ReceivedActivity awaitEvent(String name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        return await("the event " + name, a -> name.equals(a.name()), timeout);
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} for the system event of that name in the conversation, that no earlier
     * wait returned.
     *
     * @param conversationId the conversation's id
     * @param name the event's name, e.g. {@code ConversationClose}
     * @return the event
     * @throws AssertionError when none arrives in time; its message lists what did arrive
     */
    public ReceivedActivity awaitEvent(String conversationId, String name) {
        return awaitEvent(conversationId, name, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for the system event of that name in the conversation, that no earlier wait returned.
     *
     * @param conversationId the conversation's id
     * @param name the event's name, e.g. {@code ConversationClose}
     * @param timeout how long to wait
     * @return the event
     * @throws AssertionError when none arrives in time; its message lists what did arrive
     */
    public ReceivedActivity awaitEvent(String conversationId, String name, Duration timeout) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(name, "name");
        return await("the event " + name + " of conversation " + conversationId,
                a -> a.conversationId().equals(conversationId) && name.equals(a.name()), timeout);
    }

    /**
     * Waits for an activity that matches, and that no earlier wait returned.
     *
     * @param description what is awaited, for the failure message, e.g. {@code "a typing indicator"}
     * @param condition which activity is awaited
     * @param timeout how long to wait
     * @return the first such activity
     * @throws AssertionError when none arrives in time; its message lists what did arrive
     */
    public ReceivedActivity await(String description, Predicate<ReceivedActivity> condition, Duration timeout) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        lock.lock();
        try {
            while (true) {
                for (ReceivedActivity activity : received) {
                    if (!returned.contains(activity) && condition.test(activity)) {
                        returned.add(activity);
                        return activity;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(timeoutMessage(description, timeout));
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + description + " at the webhook", e);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets everything received and rejected; the extension calls it when it resets the emulator. */
    public void clear() {
        lock.lock();
        try {
            received.clear();
            rejections.clear();
            returned.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Stops listening; deliveries made afterwards fail and are retried by the emulator. */
    @Override
    public void close() {
        http.stop(0);
    }

    /** Records before answering, so that whoever sees the answer finds the delivery recorded. */
    private void receive(WebhookReceiver receiver, HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            try {
                record(receiver.receive(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1)));
            } catch (WebhookRejectedException e) {
                status = e.status();
                reject(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " answered "
                        + status + ": " + e.getMessage());
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private void record(ReceivedActivity activity) {
        lock.lock();
        try {
            received.add(activity);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void reject(String rejection) {
        lock.lock();
        try {
            rejections.add(rejection);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private String timeoutMessage(String description, Duration timeout) {
        String got = received.isEmpty() ? "nothing"
                : received.size() + " " + (received.size() == 1 ? "activity" : "activities") + ": "
                + received.stream().map(WebhookInbox::describe).collect(Collectors.joining(", "));
        String refused = rejections.isEmpty() ? "" : "; it refused " + rejections.size() + ": " + rejections;
        return "Waited " + seconds(timeout) + " for " + description + " at the webhook " + url + "; it received "
                + got + refused + ".";
    }

    private static String describe(ReceivedActivity a) {
        String what = a.name() != null ? "event " + a.name()
                : a.activity().getText() != null ? a.type() + " \"" + a.activity().getText() + "\"" : a.type();
        return what + " of conversation " + a.conversationId();
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? TimeUnit.MILLISECONDS.toSeconds(millis) + " s" : millis + " ms";
    }
}
