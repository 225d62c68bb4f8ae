package io.github.ccmessaging.junit;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.server.ServerSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the Messaging API emulator for tests: in this JVM, in memory, on a free loopback port, through the
 * server's one entry point ({@code MessagingServer.start}). Used by {@link MessagingEmulatorTest}, or registered
 * with {@code @RegisterExtension} to choose the channel, the state's lifecycle, a webhook of the test's own or other
 * server settings:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
 *         .state(StateLifecycle.PER_CLASS)
 *         .build();
 *
 * @Test
 * void customerMessageIsStored() {
 *     String id = emulator.client().createConversation().getConversationId();
 *     emulator.client().sendMessage(id, "Hi");
 * }
 * }</pre>
 *
 * <p>Registered on a static field (or by the annotation), one emulator serves the whole class and its
 * {@code @Nested} classes; registered on an instance field, each test gets its own. A shared emulator is reset
 * before each test unless the state is {@link StateLifecycle#PER_CLASS}; a reset takes well under a millisecond.
 * When its class (or test) ends, the emulator is reset and kept for the next class of the run with the same channel,
 * request log and webhook, so that only the first class pays for a server start; the kept emulators stop when the
 * run ends. An emulator with {@link Builder#serverSettings server settings} of the test's own stops with its class.
 *
 * <p>Parallel execution: every extension instance has its own server and inbox, so test classes can run
 * concurrently. The methods of one class that share an emulator reset per method must not: a reset would wipe the
 * other test's conversations. {@link MessagingEmulatorTest} runs them one after another by itself; with
 * {@code @RegisterExtension} on a static field, a test method that starts while another test of the same emulator
 * runs fails with an explanation (annotate the class with {@code @Execution(ExecutionMode.SAME_THREAD)}, or use
 * {@link StateLifecycle#PER_CLASS}).
 *
 * <p>Parameters and {@link FromEmulator} fields of these types are filled in: {@link MessagingClient} (the channel's
 * client), {@link EmulatorClient} (the representative's side), {@link WebhookInbox}, {@link ChannelCredentials} and
 * {@link URI} (the base URI). The server's request log is off unless asked for.
 */
public final class MessagingEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final EmulatorOptions configured;
    private volatile EmulatorOptions options;
    private volatile RunningEmulator running;
    /** Where {@link #running} goes when its class ends: kept for the next class of the run. */
    private volatile IdleEmulators idle;
    /** The unique id of the test or class whose start began {@link #running}; its end closes it. */
    private volatile String owner;
    /** The unique id of the test using a shared emulator that is reset per method. */
    private final AtomicReference<String> testRunning = new AtomicReference<>();

    /**
     * The extension as {@link MessagingEmulatorTest} registers it: configured by that annotation of the test class.
     * To configure it in code, use {@link #newInstance()}.
     */
    public MessagingEmulatorExtension() {
        this.configured = null;
    }

    private MessagingEmulatorExtension(EmulatorOptions options) {
        this.configured = options;
        this.options = options;
    }

    /**
     * Starts the configuration of an extension for {@code @RegisterExtension}.
     *
     * @return a builder with the defaults of {@link MessagingEmulatorTest}
     */
    public static Builder newInstance() {
        return new Builder();
    }

    /**
     * Where the emulator listens, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the base URI
     * @throws IllegalStateException when no test of this extension is running
     */
    public URI baseUri() {
        return running().baseUri();
    }

    /**
     * The channel's client, ready to use (thread-safe, shared by the tests of this emulator).
     *
     * @return the client
     * @throws IllegalStateException when no test of this extension is running
     */
    public MessagingClient client() {
        return running().client();
    }

    /**
     * The representative's side of the emulator: accept, answer, close; reach the webhook.
     *
     * @return the emulator client of the channel
     * @throws IllegalStateException when no test of this extension is running
     */
    public EmulatorClient emulator() {
        return running().client().emulator();
    }

    /**
     * The channel the emulator serves and the token it sends to the webhook.
     *
     * @return the credentials
     * @throws IllegalStateException when no test of this extension is running
     */
    public ChannelCredentials credentials() {
        return running().credentials();
    }

    /**
     * The inbox receiving what the emulator sends to the channel's webhook.
     *
     * @return the inbox
     * @throws IllegalStateException when no test of this extension is running, or the webhook is the test's own
     */
    public WebhookInbox inbox() {
        return running().inbox().orElseThrow(() -> new IllegalStateException(
                "There is no webhook inbox: the channel's webhook was set with webhookUrl(...)"));
    }

    /** Forgets every conversation and what the inbox received now, as before each test. */
    public void reset() {
        running().reset();
    }

    /**
     * Sends the channel's webhook deliveries to the test's own receiver from now on, e.g. the channel under test
     * started in {@code @BeforeEach}; resets keep it. The emulator sends {@link ChannelCredentials#webhookToken()}.
     *
     * @param webhookUrl the receiver's base URL; the emulator appends {@code /v3/conversations/{id}/activities}
     */
    public void useWebhook(URI webhookUrl) {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        running().useWebhook(webhookUrl);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startOrJoin(context, false);
        FieldInjection.injectStatic(context.getRequiredTestClass(), this::valueOf);
        context.getTestInstance().ifPresent(instance -> FieldInjection.inject(instance, this::valueOf));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startOrJoin(context, true);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            FieldInjection.inject(instance, this::valueOf);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        leave(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        leave(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return Injectable.supports(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return valueOf(parameter.getParameter().getType());
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private Object valueOf(Class<?> type) {
        return Injectable.valueOf(type, this);
    }

    /**
     * Starts the emulator for the class, or for the test when no class started it (an instance field); a test of a
     * shared emulator reset per method is the only one using it until it ends.
     */
    private synchronized void startOrJoin(ExtensionContext context, boolean test) {
        if (running == null) {
            start(context);
            return;
        }
        requireWithin(context);
        if (test && options.state() == StateLifecycle.PER_METHOD) {
            if (!testRunning.compareAndSet(null, context.getUniqueId())) {
                throw new ExtensionConfigurationException(concurrentTests(context));
            }
            running.reset();
        }
    }

    private synchronized void leave(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            stop();
        } else {
            testRunning.compareAndSet(context.getUniqueId(), null);
        }
    }

    private void start(ExtensionContext context) {
        if (options == null) {
            options = EmulatorOptions.of(AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
                    MessagingEmulatorTest.class, context.getEnclosingTestClasses()).orElseThrow(
                            () -> new ExtensionConfigurationException("MessagingEmulatorExtension without "
                                    + "@MessagingEmulatorTest: register it with @RegisterExtension and "
                                    + "MessagingEmulatorExtension.newInstance()...build()")));
        }
        idle = IdleEmulators.of(context);
        running = IdleEmulators.keyOf(options).flatMap(idle::take).orElseGet(() -> RunningEmulator.start(options));
        owner = context.getUniqueId();
    }

    /** A class or test outside the one that started the emulator must not share it: its end would stop it. */
    private void requireWithin(ExtensionContext context) {
        String started = owner;
        String id = context.getUniqueId();
        if (started != null && !id.equals(started) && !id.startsWith(started + "/")) {
            throw new ExtensionConfigurationException(context.getDisplayName() + " uses the emulator of "
                    + started + " while that runs: one MessagingEmulatorExtension instance serves one test class "
                    + "(with its @Nested classes) at a time, or one test when on an instance field. Give each "
                    + "class its own extension field, or run them one after another.");
        }
    }

    private void stop() {
        RunningEmulator stopping = running;
        running = null;
        owner = null;
        testRunning.set(null);
        Optional<IdleEmulators.Key> key = IdleEmulators.keyOf(options);
        if (configured == null) {
            options = null;
        }
        if (key.isPresent()) {
            idle.give(key.get(), stopping);
        } else {
            stopping.close();
        }
    }

    private RunningEmulator running() {
        RunningEmulator current = running;
        if (current == null) {
            throw new IllegalStateException("The emulator runs only while the tests of its class run "
                    + "(from its @BeforeAll, or @BeforeEach for an extension on an instance field, to the end)");
        }
        return current;
    }

    private static String concurrentTests(ExtensionContext context) {
        return context.getDisplayName() + " started while another test of the same emulator was running, in "
                + context.getRequiredTestClass().getName() + ". Its state is reset before each test, which would "
                + "wipe the other test's conversations. Run the class's tests one after another "
                + "(@Execution(ExecutionMode.SAME_THREAD) on the class, or @MessagingEmulatorTest, which does so "
                + "itself), keep the state for the class (StateLifecycle.PER_CLASS), or register the extension "
                + "on an instance field so that each test gets an emulator of its own.";
    }

    /** Configures a {@link MessagingEmulatorExtension}; every setting has the default of the annotation. */
    public static final class Builder {
        private ChannelCredentials credentials = ChannelCredentials.devChannel();
        private StateLifecycle state = StateLifecycle.PER_METHOD;
        private boolean requestLog;
        private URI webhookUrl;
        private Consumer<ServerSettings.Builder> settings;

        private Builder() {
        }

        /**
         * Serves this channel instead of the well-known development channel.
         *
         * @param value channel id, organization id, token and webhook token
         * @return this builder
         */
        public Builder channel(ChannelCredentials value) {
            this.credentials = Objects.requireNonNull(value, "channel");
            return this;
        }

        /**
         * When the state is forgotten; default {@link StateLifecycle#PER_METHOD}.
         *
         * @param value the lifecycle
         * @return this builder
         */
        public Builder state(StateLifecycle value) {
            this.state = Objects.requireNonNull(value, "state");
            return this;
        }

        /**
         * Whether the server logs each request; default false.
         *
         * @param value true to log
         * @return this builder
         */
        public Builder requestLog(boolean value) {
            this.requestLog = value;
            return this;
        }

        /**
         * Delivers the channel's webhook to this URL, the test's own receiver, instead of a {@link WebhookInbox}.
         * When the receiver starts after the emulator, call {@link MessagingEmulatorExtension#useWebhook(URI)}
         * instead.
         *
         * @param value the receiver's base URL
         * @return this builder
         */
        public Builder webhookUrl(URI value) {
            this.webhookUrl = Objects.requireNonNull(value, "webhookUrl");
            return this;
        }

        /**
         * Changes the server's settings after the extension set its own (a free port, the channel, the request
         * log), e.g. a faster webhook retry policy or a fixed clock.
         *
         * @param value changes the settings builder
         * @return this builder
         */
        public Builder serverSettings(Consumer<ServerSettings.Builder> value) {
            this.settings = Objects.requireNonNull(value, "serverSettings");
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the extension, for a field annotated {@code @RegisterExtension}
         */
        public MessagingEmulatorExtension build() {
            return new MessagingEmulatorExtension(
                    new EmulatorOptions(credentials, state, requestLog, webhookUrl, settings));
        }
    }
}
