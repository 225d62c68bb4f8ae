package io.github.ccmessaging.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.api.ConversationsApi;
import io.github.ccmessaging.client.api.EmulatorApi;
import io.github.ccmessaging.client.invoker.ApiClient;
import io.github.ccmessaging.client.model.Activity;
import io.github.ccmessaging.client.model.ConversationList;
import io.github.ccmessaging.client.model.ConversationMessage;
import io.github.ccmessaging.client.model.ConversationSummary;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CreateConversationResponse;
import io.github.ccmessaging.client.model.EndOfConversationActivity;
import io.github.ccmessaging.client.model.EventActivity;
import io.github.ccmessaging.client.model.EventChannelData;
import io.github.ccmessaging.client.model.EventValue;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.model.MessageList;
import io.github.ccmessaging.client.model.SendActivityResponse;
import io.github.ccmessaging.client.model.TypingActivity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Client of the Dynamics 365 Contact Center Messaging API (custom messaging channel): starts conversations,
 * sends the customer's activities, and reads the channel's active conversations, a conversation's messages and
 * its context, on behalf of one channel. {@link #emulator()} reaches the representative's side of this project's
 * emulator, for test suites.
 *
 * <p>Every request carries {@code Authorization: Bearer <token>} (the token is fetched from the configured
 * supplier for each request, so an expiring Entra token can be refreshed), {@code channel-id} and
 * {@code organization-id}. Requests use HTTP/1.1.
 *
 * <p>Outgoing activities are completed before sending: when {@code type}, {@code id}, {@code channelId} or
 * {@code conversation.id} is {@code null} it is set to the activity type of the parameter, a random UUID,
 * the configured channel id and the conversation id of the call. <strong>The given activity object is
 * modified</strong>; resending the same object therefore reuses its {@code id}, and the server recognises
 * the retry instead of storing the activity twice. Values set by the caller are kept.
 *
 * <p>Errors: an error response raises {@link MessagingApiException} (status, documented error code,
 * correlation id); a connection failure, timeout or interruption raises
 * {@link MessagingTransportException}. Invalid arguments raise {@link IllegalArgumentException} or
 * {@link NullPointerException} before anything is sent.
 *
 * <p>Instances are immutable and thread-safe; create one per channel and share it. Activity objects are
 * not thread-safe: do not send the same activity object from two threads at once.
 *
 * <pre>{@code
 * MessagingClient client = MessagingClient.builder()
 *         .baseUri(URI.create("http://localhost:8080"))
 *         .channelId("c0ffee00-0000-4000-8000-000000000001")
 *         .organizationId("c0ffee00-0000-4000-8000-000000000002")
 *         .token("emulator-dev-token")
 *         .build();
 *
 * String conversationId = client.createConversation().getConversationId();
 * String messageId = client.sendMessage(conversationId, "Hello, I need help with my order");
 * client.messages(conversationId).forEach(message -> System.out.println(message.getText()));
 * client.endConversation(conversationId);
 * }</pre>
 */
public final class MessagingClient {

    /** The event name reserved for read receipts. */
    private static final String READ_EVENT_NAME = "MessageRead";
    // The client's one copy of the documented page sizes; a test holds them against the OpenAPI document.
    /** {@code PageSize} of the list operations unless the caller gives one (the server's default too). */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** Largest {@code PageSize} of the conversation list. */
    static final int MAX_CONVERSATIONS_PAGE_SIZE = 250;
    /** Largest {@code PageSize} of the message list. */
    static final int MAX_MESSAGES_PAGE_SIZE = 100;

    private final ConversationsApi api;
    private final ObjectMapper mapper;
    private final String channelId;
    private final String organizationId;
    private final ActivityDefaults defaults;
    private final ApiCalls calls;
    private final EmulatorClient emulator;

    private MessagingClient(ApiClient apiClient, ObjectMapper mapper, String channelId, String organizationId,
                            ApiCalls calls) {
        this.api = new ConversationsApi(apiClient);
        this.mapper = mapper;
        this.channelId = channelId;
        this.organizationId = organizationId;
        this.defaults = new ActivityDefaults(channelId);
        this.calls = calls;
        this.emulator = new EmulatorClient(new EmulatorApi(apiClient), calls, channelId, organizationId);
    }

    /**
     * Starts the configuration of a client; {@code baseUri}, {@code channelId}, {@code organizationId} and a
     * token (or token supplier) are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a conversation, or continues the customer's active one when
     * {@code customercontext.customerid} names a customer with an active conversation in this channel
     * ({@code isNew} is then {@code false} and the {@code startmessage} was not delivered).
     *
     * @param request the customer and conversation context, start message etc.; send
     *                {@code new CreateConversationRequest()} for none
     * @return the conversation id to use in later calls, {@code isNew}, and the start message's
     *         {@code messageId} when one was delivered
     * @throws MessagingApiException when the server rejects the request (e.g. 400 / 30010 for more than 100
     *                               context variables, 401 for a bad token)
     * @throws MessagingTransportException when the request could not be completed
     */
    public CreateConversationResponse createConversation(CreateConversationRequest request) {
        Objects.requireNonNull(request, "request");
        return calls.call("createConversation", () -> api.createConversation(channelId, organizationId, request));
    }

    /**
     * Starts a conversation without customer or conversation context (the request body is {@code {}}).
     *
     * @return the new conversation's id and {@code isNew}
     * @throws MessagingApiException when the server rejects the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public CreateConversationResponse createConversation() {
        return createConversation(new CreateConversationRequest());
    }

    /**
     * Sends a text message from the customer.
     *
     * @param conversationId the conversation's id, as returned by {@link #createConversation()}
     * @param text the message text; non-empty and at most 6,000 characters (else 400 / 30016 or 30011)
     * @return the message's {@code messageId}, a 13-digit epoch-millisecond string
     * @throws MessagingApiException when the server rejects the message (e.g. 404 / 30013 for a closed
     *                               conversation)
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendMessage(String conversationId, String text) {
        Objects.requireNonNull(text, "text");
        return sendActivity(conversationId, new MessageActivity().text(text));
    }

    /**
     * Sends any activity. {@code type}, {@code id}, {@code channelId} and {@code conversation.id} are filled
     * in on the wrapped activity when {@code null} (see the class description).
     *
     * @param conversationId the conversation's id
     * @param activity a wrapper of a message, typing, end-of-conversation or event activity
     * @return the activity's {@code messageId} (the empty string for a read event)
     * @throws IllegalArgumentException when the wrapper holds no activity
     * @throws MessagingApiException when the server rejects the activity
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendActivity(String conversationId, Activity activity) {
        requireConversationId(conversationId);
        Objects.requireNonNull(activity, "activity");
        defaults.fill(activity, conversationId);
        SendActivityResponse response = calls.call("sendActivity",
                () -> api.sendActivity(channelId, organizationId, conversationId, activity));
        return response.getMessageId();
    }

    /**
     * Sends a message activity (text, attachments, automated-message marker); missing {@code type},
     * {@code id}, {@code channelId} and {@code conversation.id} are filled in on the given object.
     *
     * @param conversationId the conversation's id
     * @param activity the message; needs text or at least one attachment (else 400 / 30016)
     * @return the message's {@code messageId}
     * @throws MessagingApiException when the server rejects the message
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendActivity(String conversationId, MessageActivity activity) {
        return sendActivity(conversationId, new Activity(Objects.requireNonNull(activity, "activity")));
    }

    /**
     * Sends a typing activity; missing {@code type}, {@code id}, {@code channelId} and
     * {@code conversation.id} are filled in on the given object.
     *
     * @param conversationId the conversation's id
     * @param activity the typing activity, e.g. with {@code from.name}
     * @return the activity's {@code messageId}
     * @throws MessagingApiException when the server rejects the activity
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendActivity(String conversationId, TypingActivity activity) {
        return sendActivity(conversationId, new Activity(Objects.requireNonNull(activity, "activity")));
    }

    /**
     * Sends an end-of-conversation activity, which closes the conversation; missing {@code type}, {@code id},
     * {@code channelId} and {@code conversation.id} are filled in on the given object.
     *
     * @param conversationId the conversation's id
     * @param activity the end-of-conversation activity
     * @return the activity's {@code messageId}
     * @throws MessagingApiException when the server rejects the activity (e.g. 404 / 30013 when already
     *                               closed)
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendActivity(String conversationId, EndOfConversationActivity activity) {
        return sendActivity(conversationId, new Activity(Objects.requireNonNull(activity, "activity")));
    }

    /**
     * Sends an event activity: a read event ({@code name} {@code MessageRead} with {@code value.messageId})
     * or a custom event ({@code channelData.customEvent} {@code true}); missing {@code type}, {@code id},
     * {@code channelId} and {@code conversation.id} are filled in on the given object.
     *
     * @param conversationId the conversation's id
     * @param activity the event; any other kind of event is rejected with 400 / 30003
     * @return the event's {@code messageId} (the empty string for a read event)
     * @throws MessagingApiException when the server rejects the event
     * @throws MessagingTransportException when the request could not be completed
     * @see #markRead(String, String)
     * @see #sendCustomEvent(String, String, Map)
     */
    public String sendActivity(String conversationId, EventActivity activity) {
        return sendActivity(conversationId, new Activity(Objects.requireNonNull(activity, "activity")));
    }

    /**
     * Tells the representative that the customer is typing.
     *
     * @param conversationId the conversation's id
     * @return the activity's {@code messageId}
     * @throws MessagingApiException when the server rejects the activity
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendTyping(String conversationId) {
        return sendActivity(conversationId, new TypingActivity());
    }

    /**
     * Ends the conversation on the customer's side (the customer leaves). Later activities to it are
     * rejected with 404 / 30013.
     *
     * @param conversationId the conversation's id
     * @return the activity's {@code messageId}
     * @throws MessagingApiException when the server rejects the activity (e.g. 404 / 30013 when the
     *                               conversation is unknown or already closed)
     * @throws MessagingTransportException when the request could not be completed
     */
    public String endConversation(String conversationId) {
        return sendActivity(conversationId, new EndOfConversationActivity());
    }

    /**
     * Marks a representative's message, and all messages before it, as read by the customer (a
     * {@code MessageRead} event).
     *
     * @param conversationId the conversation's id
     * @param messageId the 13-digit {@code messageId} of the representative's message that was read
     * @throws MessagingApiException when the server rejects the event
     * @throws MessagingTransportException when the request could not be completed
     */
    public void markRead(String conversationId, String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        sendActivity(conversationId, new EventActivity()
                .name(READ_EVENT_NAME)
                .value(new EventValue().messageId(messageId)));
    }

    /**
     * Sends a custom event: structured data for the conversation that is not shown as a message. The
     * values are sent JSON-encoded as a string in {@code channelData.customEventValue}; a value may be a
     * string, number or boolean, or a map {@code {"isDisplayable": true, "value": ...}} to show it to the
     * representative.
     *
     * <pre>{@code
     * client.sendCustomEvent(conversationId, "OrderLookup",
     *         Map.of("orderNumber", "A-1001", "total", 42.5,
     *                "status", Map.of("isDisplayable", true, "value", "shipped")));
     * }</pre>
     *
     * @param conversationId the conversation's id
     * @param name the event name (at most 256 characters); sent as {@code name} and
     *             {@code channelData.customEventName}
     * @param values the event's variables by name; {@code Map.of()} for none
     * @return the event's {@code messageId}
     * @throws IllegalArgumentException when the values cannot be encoded as JSON
     * @throws MessagingApiException when the server rejects the event
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendCustomEvent(String conversationId, String name, Map<String, Object> values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        String encoded;
        try {
            encoded = mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom event values cannot be encoded as JSON: "
                    + e.getOriginalMessage(), e);
        }
        return sendActivity(conversationId, new EventActivity()
                .name(name)
                .channelData(new EventChannelData()
                        .customEvent(Boolean.TRUE)
                        .customEventName(name)
                        .customEventValue(encoded)));
    }

    /**
     * The channel's active conversations (closed and wrap-up ones are left out), oldest first, 50 per request.
     *
     * @return a lazy stream; see {@link #activeConversations(OffsetDateTime, int)}
     */
    public Stream<ConversationSummary> activeConversations() {
        return activeConversations(null);
    }

    /**
     * The channel's active conversations created after the given instant, oldest first, 50 per request.
     *
     * @param createdAfter only conversations created after it; {@code null} for all
     * @return a lazy stream; see {@link #activeConversations(OffsetDateTime, int)}
     */
    public Stream<ConversationSummary> activeConversations(OffsetDateTime createdAfter) {
        return activeConversations(createdAfter, DEFAULT_PAGE_SIZE);
    }

    /**
     * The channel's active conversations created after the given instant, oldest first, fetched page by page.
     *
     * <p>The stream is lazy: the first page is requested when the stream needs its first element, and the next
     * page (with the previous page's {@code continuationtoken}) only when the elements fetched so far are used
     * up; a page without {@code continuationtoken} is the last. Errors of a page request are therefore thrown
     * by the stream's terminal operation: {@link MessagingApiException} (e.g. 400 / 30009 for a continuation
     * token the server no longer accepts) or {@link MessagingTransportException}. The stream is sequential and
     * not thread-safe; 429/503 answers are retried per page. Don't poll: updates arrive through the webhook.
     *
     * <pre>{@code
     * List<String> ids = client.activeConversations().map(ConversationSummary::getConversationid).toList();
     * }</pre>
     *
     * @param createdAfter only conversations created after it; {@code null} for all
     * @param pageSize conversations per request, 1 to 250
     * @return the conversations ({@code conversationid} and creation {@code timestamp})
     * @throws IllegalArgumentException when the page size is out of range (nothing is sent)
     */
    public Stream<ConversationSummary> activeConversations(OffsetDateTime createdAfter, int pageSize) {
        requirePageSize(pageSize, MAX_CONVERSATIONS_PAGE_SIZE);
        String startTimeStamp = timestamp(createdAfter);
        return Pages.stream("listConversations", token -> {
            ConversationList page = calls.call("listConversations", () -> api.listConversations(channelId,
                    organizationId, startTimeStamp, pageSize, token));
            return new Pages.Page<>(page.getConversations(), page.getContinuationtoken());
        });
    }

    /**
     * The messages of an active conversation in both directions, in {@code messageId} order, 50 per request.
     *
     * @param conversationId the conversation's id
     * @return a lazy stream; see {@link #messages(String, OffsetDateTime, int)}
     * @throws IllegalArgumentException when the conversation id is blank
     */
    public Stream<ConversationMessage> messages(String conversationId) {
        return messages(conversationId, null);
    }

    /**
     * The messages of an active conversation sent after the given instant, in {@code messageId} order, 50 per
     * request.
     *
     * @param conversationId the conversation's id
     * @param sentAfter only messages sent after it; {@code null} for all
     * @return a lazy stream; see {@link #messages(String, OffsetDateTime, int)}
     * @throws IllegalArgumentException when the conversation id is blank
     */
    public Stream<ConversationMessage> messages(String conversationId, OffsetDateTime sentAfter) {
        return messages(conversationId, sentAfter, DEFAULT_PAGE_SIZE);
    }

    /**
     * The messages of an active conversation sent after the given instant, in {@code messageId} order, fetched
     * page by page: the customer's ({@code from.role} {@code user}) and the representative's ({@code agent});
     * typing indicators and events are left out.
     *
     * <p>The stream is lazy like {@link #activeConversations(OffsetDateTime, int)}: pages are requested as the
     * stream needs them, following {@code continuationToken}, and errors are thrown by its terminal operation
     * (e.g. {@link MessagingApiException} 404 / 30013 for an unknown or closed conversation). Response members
     * are read in any casing ({@code messageId} or {@code messageid}, {@code continuationToken} or
     * {@code continuationtoken}), as the documentation shows both.
     *
     * @param conversationId the conversation's id
     * @param sentAfter only messages sent after it; {@code null} for all
     * @param pageSize messages per request, 1 to 100
     * @return the messages as Bot Framework activities with their {@code messageId} and {@code timestamp}
     * @throws IllegalArgumentException when the conversation id is blank or the page size is out of range
     *                                  (nothing is sent)
     */
    public Stream<ConversationMessage> messages(String conversationId, OffsetDateTime sentAfter, int pageSize) {
        requireConversationId(conversationId);
        requirePageSize(pageSize, MAX_MESSAGES_PAGE_SIZE);
        String startTimeStamp = timestamp(sentAfter);
        return Pages.stream("listMessages", token -> {
            MessageList page = calls.call("listMessages", () -> api.listMessages(channelId, organizationId,
                    conversationId, startTimeStamp, pageSize, token));
            return new Pages.Page<>(page.getMessages(), page.getContinuationToken());
        });
    }

    /**
     * The conversation's context variables: those given at create and any the representative side added or
     * changed. The context may lag behind a create for a moment (eventual consistency in Dynamics 365).
     *
     * @param conversationId the conversation's id
     * @return name → value (a string, number or boolean, as given; a map for an object value), in the server's
     *         order; unmodifiable, empty when the conversation has no context
     * @throws MessagingApiException when the server rejects the request (e.g. 404 / 30013 for an unknown or
     *                               closed conversation)
     * @throws MessagingTransportException when the request could not be completed
     */
    public Map<String, Object> context(String conversationId) {
        requireConversationId(conversationId);
        return ContextMaps.toMap(calls.call("getContext",
                () -> api.getContext(channelId, organizationId, conversationId)));
    }

    /**
     * The representative's side of this project's emulator, with this client's settings (base URI, channel,
     * organization, token, timeouts, retries). For test suites; Dynamics 365 does not offer these operations.
     *
     * @return the emulator client of this channel (always the same instance)
     */
    public EmulatorClient emulator() {
        return emulator;
    }

    private static String timestamp(OffsetDateTime instant) {
        return instant == null ? null : instant.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void requirePageSize(int pageSize, int max) {
        if (pageSize < 1 || pageSize > max) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + max + ": " + pageSize);
        }
    }

    private static void requireConversationId(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank");
        }
    }

    /**
     * Configures a {@link MessagingClient}. Required: {@link #baseUri(URI)}, {@link #channelId(String)},
     * {@link #organizationId(String)} and {@link #token(String)} or {@link #tokenSupplier(Supplier)}.
     * A builder is not thread-safe; the clients it builds are.
     */
    public static final class Builder {

        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

        private String baseUri;
        private String channelId;
        private String organizationId;
        private String token;
        private Supplier<String> tokenSupplier;
        private Duration connectTimeout;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private HttpClient.Builder httpClientBuilder;
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private ApiCalls.Sleeper sleeper = delay -> Thread.sleep(delay.toMillis());

        private Builder() {
        }

        /**
         * Sets the API's base URI: {@code https://m-{org_id}.{geo}.omnichannelengagementhub.com} in
         * Dynamics 365, {@code http://localhost:8080} for the local emulator. A path is kept as a prefix;
         * a trailing slash is ignored.
         *
         * @param baseUri an absolute {@code http} or {@code https} URI without query, fragment or user info
         * @return this builder
         * @throws IllegalArgumentException when the URI is not of that form
         */
        public Builder baseUri(URI baseUri) {
            this.baseUri = normalize(Objects.requireNonNull(baseUri, "baseUri"));
            return this;
        }

        /**
         * Sets the API's base URI from a string, e.g. {@code "http://localhost:8080"}.
         *
         * @param baseUri an absolute {@code http} or {@code https} URI without query, fragment or user info
         * @return this builder
         * @throws IllegalArgumentException when the string is not such a URI
         * @see #baseUri(URI)
         */
        public Builder baseUri(String baseUri) {
            return baseUri(URI.create(Objects.requireNonNull(baseUri, "baseUri")));
        }

        /**
         * Sets the channel, sent as the {@code channel-id} header and as the {@code channelId} of activities
         * that have none, e.g. {@code c0ffee00-0000-4000-8000-000000000001} for the emulator's development
         * channel.
         *
         * @param channelId the GUID of the custom messaging channel ({@code msdyn_occustommessagingchannel})
         * @return this builder
         */
        public Builder channelId(String channelId) {
            this.channelId = channelId;
            return this;
        }

        /**
         * Sets the organization, sent as the {@code organization-id} header, e.g.
         * {@code c0ffee00-0000-4000-8000-000000000002} for the emulator's development channel.
         *
         * @param organizationId the organization's GUID
         * @return this builder
         */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /**
         * Sets a fixed bearer token, e.g. {@code emulator-dev-token} for the emulator; replaces a token
         * supplier set before. Use {@link #tokenSupplier(Supplier)} for tokens that expire.
         *
         * @param token the access token, without the {@code Bearer } prefix
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            this.tokenSupplier = null;
            return this;
        }

        /**
         * Sets the source of the bearer token, asked once per request (it should cache the token and
         * refresh it before it expires); replaces a fixed token set before. Exceptions it throws reach the
         * caller of the client method unchanged.
         *
         * @param tokenSupplier supplies the access token, without the {@code Bearer } prefix; must not
         *                      return {@code null} or a blank string
         * @return this builder
         */
        public Builder tokenSupplier(Supplier<String> tokenSupplier) {
            this.tokenSupplier = tokenSupplier;
            this.token = null;
            return this;
        }

        /**
         * Sets how long a request may take until its response headers arrive (default 30 seconds).
         *
         * @param requestTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when the duration is not positive
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets how long establishing a connection may take (default 10 seconds, unless an
         * {@link #httpClientBuilder(HttpClient.Builder) HTTP client builder} is given).
         *
         * @param connectTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when the duration is not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the builder of the JDK {@link HttpClient}, e.g. for a proxy, an {@code SSLContext} or an
         * executor. {@link #build()} sets its version to {@link HttpClient.Version#HTTP_1_1} (the default
         * client offers an h2c upgrade that some servers mishandle), and its connect timeout when
         * {@link #connectTimeout(Duration)} was called.
         *
         * @param httpClientBuilder the HTTP client builder to use; modified by {@link #build()}
         * @return this builder
         */
        public Builder httpClientBuilder(HttpClient.Builder httpClientBuilder) {
            this.httpClientBuilder = Objects.requireNonNull(httpClientBuilder, "httpClientBuilder");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return a new, thread-safe client
         * @throws IllegalStateException when {@code baseUri}, {@code channelId}, {@code organizationId} or the
         *                               token is missing or blank
         */
        public MessagingClient build() {
            String base = require(baseUri, "baseUri", "e.g. http://localhost:8080");
            String channel = require(channelId, "channelId", "the channel-id GUID of the custom messaging channel");
            String organization = require(organizationId, "organizationId", "the organization-id GUID");
            Supplier<String> tokens = tokenSupplier != null ? tokenSupplier : fixedToken();

            HttpClient.Builder http = httpClientBuilder;
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(DEFAULT_CONNECT_TIMEOUT);
            }
            if (connectTimeout != null) {
                http.connectTimeout(connectTimeout);
            }
            http.version(HttpClient.Version.HTTP_1_1);

            ObjectMapper mapper = responseMapper();
            ApiClient apiClient = new ApiClient(http, mapper, base);
            apiClient.setReadTimeout(requestTimeout);
            apiClient.setRequestInterceptor(request -> authorize(request, tokens));
            return new MessagingClient(apiClient, mapper, channel, organization,
                    new ApiCalls(mapper, retries, sleeper, URI.create(base)));
        }

        /**
         * The generated client's mapper, reading responses leniently: member names in any casing (the documentation
         * shows both {@code continuationToken}/{@code messageId} and {@code continuationtoken}/{@code messageid} for
         * the message list), and values of an enumeration that this client does not know as {@code null}.
         */
        static ObjectMapper responseMapper() {
            ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
            mapper.setConfig(mapper.getDeserializationConfig()
                    .with(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                    .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL));
            return mapper;
        }

        /**
         * How often a call refused with 429 Too Many Requests or 503 Service Unavailable is retried (default 3;
         * 0 turns retries off). The client waits as the server's {@code Retry-After} says, else backs off
         * exponentially from {@code baseDelay} with jitter, never longer than {@code maxDelay}. An activity is
         * re-sent with the same {@code id}, so the server stores it once.
         *
         * @param maxRetries retries after the first attempt
         * @param baseDelay first backoff ceiling when the server sent no {@code Retry-After} (default 200 ms)
         * @param maxDelay longest single wait (default 30 s)
         * @return this builder
         */
        public Builder retries(int maxRetries, Duration baseDelay, Duration maxDelay) {
            this.retries = new RetryPolicy(maxRetries, Objects.requireNonNull(baseDelay, "baseDelay"),
                    Objects.requireNonNull(maxDelay, "maxDelay"));
            return this;
        }

        Builder sleeper(ApiCalls.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        private Supplier<String> fixedToken() {
            String fixed = require(token, "token", "set token(...) or tokenSupplier(...)");
            return () -> fixed;
        }

        private static void authorize(HttpRequest.Builder request, Supplier<String> tokens) {
            String token = tokens.get();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("the token supplier returned no token");
            }
            request.setHeader("Authorization", "Bearer " + token);
        }

        private static String require(String value, String name, String hint) {
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("MessagingClient: " + name + " is required (" + hint + ")");
            }
            return value;
        }

        private static Duration requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }

        private static String normalize(URI uri) {
            String scheme = uri.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            if (!web || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("baseUri must be an absolute http(s) URI without query, "
                        + "fragment or user info, e.g. http://localhost:8080: " + uri);
            }
            String text = uri.toString();
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '/') {
                end--;
            }
            return text.substring(0, end);
        }
    }
}
