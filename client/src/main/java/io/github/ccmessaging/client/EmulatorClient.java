package io.github.ccmessaging.client;

import io.github.ccmessaging.client.api.EmulatorApi;
import io.github.ccmessaging.client.model.ChannelInfo;
import io.github.ccmessaging.client.model.ChannelRegistration;
import io.github.ccmessaging.client.model.ContextUpdate;
import io.github.ccmessaging.client.model.EventsScheduled;
import io.github.ccmessaging.client.model.Representative;
import io.github.ccmessaging.client.model.SystemEvent;
import io.github.ccmessaging.client.model.RepresentativeActivity;
import io.github.ccmessaging.client.model.Transcript;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The representative's side of this project's emulator, for test suites of a channel: accept a conversation, answer
 * the customer, change the context, close the conversation, read the transcript, register channels and reset the
 * emulator. Not part of Microsoft's API: Dynamics 365 answers these requests with 404.
 *
 * <p>Obtained from {@link MessagingClient#emulator()}, it uses that client's settings: base URI, channel,
 * organization, token, timeouts and retries of 429/503. Everything the representative does reaches the channel's
 * webhook (see {@code io.github.ccmessaging.client.webhook.WebhookReceiver}).
 *
 * <p>Errors are reported as by {@link MessagingClient}: {@link MessagingApiException} when the emulator answers
 * with an error (e.g. 404 / 30013 for a conversation of another channel), {@link MessagingTransportException} when
 * the request did not complete. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * EmulatorClient emulator = client.emulator();
 * emulator.accept(conversationId, "Alex");
 * String messageId = emulator.sendAsRepresentative(conversationId, "Hello **John**, how can I help?");
 * emulator.close(conversationId);
 * }</pre>
 */
public final class EmulatorClient {

    private final EmulatorApi api;
    private final ApiCalls calls;
    private final String channelId;
    private final String organizationId;

    EmulatorClient(EmulatorApi api, ApiCalls calls, String channelId, String organizationId) {
        this.api = api;
        this.calls = calls;
        this.channelId = channelId;
        this.organizationId = organizationId;
    }

    /**
     * A representative accepts the conversation: the webhook receives {@code AgentAccepted} and
     * {@code AgentAssigned}.
     *
     * @param conversationId the conversation's id
     * @return the {@code messageId}s of the system events sent to the webhook, in order
     * @throws MessagingApiException when the emulator rejects the request (e.g. 404 / 30013)
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<String> accept(String conversationId) {
        return accept(conversationId, new Representative());
    }

    /**
     * A representative with the given display name accepts the conversation.
     *
     * @param conversationId the conversation's id
     * @param representativeName the representative's display name (at most 256 characters)
     * @return the {@code messageId}s of the system events sent to the webhook, in order
     * @throws MessagingApiException when the emulator rejects the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<String> accept(String conversationId, String representativeName) {
        Objects.requireNonNull(representativeName, "representativeName");
        return accept(conversationId, new Representative().name(representativeName));
    }

    private List<String> accept(String conversationId, Representative representative) {
        requireConversationId(conversationId);
        EventsScheduled scheduled = calls.call("acceptConversation",
                () -> api.acceptConversation(channelId, organizationId, conversationId, representative));
        return messageIds(scheduled);
    }

    /**
     * The representative sends a text message (markdown) to the customer; it reaches the webhook.
     *
     * @param conversationId the conversation's id
     * @param text the message text; non-empty, at most 6,000 characters
     * @return the message's 13-digit {@code messageId}, e.g. for {@link MessagingClient#markRead(String, String)}
     * @throws MessagingApiException when the emulator rejects the message (e.g. 400 / 30016 for an empty text)
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendAsRepresentative(String conversationId, String text) {
        Objects.requireNonNull(text, "text");
        return sendAsRepresentative(conversationId, new RepresentativeActivity().text(text));
    }

    /**
     * The representative sends an activity (a message with sender, text format or attachments, or a typing
     * indicator). A {@code null} {@code type} is set to {@code message} on the given object.
     *
     * @param conversationId the conversation's id
     * @param activity the activity; a message needs text or attachments (else 400 / 30016)
     * @return the activity's 13-digit {@code messageId}
     * @throws MessagingApiException when the emulator rejects the activity
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendAsRepresentative(String conversationId, RepresentativeActivity activity) {
        requireConversationId(conversationId);
        Objects.requireNonNull(activity, "activity");
        if (activity.getType() == null) {
            activity.setType(RepresentativeActivity.TypeEnum.MESSAGE);
        }
        return calls.call("sendRepresentativeActivity",
                () -> api.sendRepresentativeActivity(channelId, organizationId, conversationId, activity))
                .getMessageId();
    }

    /**
     * The representative is typing; the webhook receives a typing activity.
     *
     * @param conversationId the conversation's id
     * @return the activity's 13-digit {@code messageId}
     * @throws MessagingApiException when the emulator rejects the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendTypingAsRepresentative(String conversationId) {
        return sendAsRepresentative(conversationId,
                new RepresentativeActivity().type(RepresentativeActivity.TypeEnum.TYPING));
    }

    /**
     * Adds or changes context variables. A value that is a
     * {@link io.github.ccmessaging.client.model.ContextVariable} is sent as given (e.g. with
     * {@code isDisplayable}); any other value (a string, number or boolean) as {@code {"value": ...}}.
     *
     * <pre>{@code
     * emulator.updateContext(conversationId, Map.of("orderNumber", "A-1001", "priority", 2));
     * }</pre>
     *
     * @param conversationId the conversation's id
     * @param values the variables to add or change, by name
     * @return the whole context after the change, name → value, in the emulator's order (unmodifiable)
     * @throws IllegalArgumentException when a name is blank or a value is {@code null}
     * @throws MessagingApiException when the emulator rejects the change (e.g. 400 / 30010 for more than 100
     *                               variables)
     * @throws MessagingTransportException when the request could not be completed
     */
    public Map<String, Object> updateContext(String conversationId, Map<String, ?> values) {
        requireConversationId(conversationId);
        Objects.requireNonNull(values, "values");
        ContextUpdate update = new ContextUpdate().context(ContextMaps.toVariables(values));
        return ContextMaps.toMap(calls.call("updateContext",
                () -> api.updateContext(channelId, organizationId, conversationId, update)));
    }

    /**
     * The representative ends the conversation: the webhook receives {@code AgentEndSession} and
     * {@code ConversationClose}; the conversation leaves the active list and later customer activities get
     * 404 / 30013.
     *
     * Both events name the emulator's default representative in {@code from.id}.
     *
     * @param conversationId the conversation's id
     * @return the {@code messageId}s of the system events sent to the webhook, in order
     * @throws MessagingApiException when the emulator rejects the request (e.g. 404 / 30013 when already closed)
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<String> close(String conversationId) {
        return close(conversationId, null);
    }

    /**
     * A representative ends the conversation, as {@link #close(String)}; both events name that representative in
     * {@code from.id}, as the documented samples do.
     *
     * @param conversationId the conversation's id
     * @param representativeId the id of the representative who closes it; {@code null} for the emulator's default
     * @return the {@code messageId}s of the system events sent to the webhook, in order
     * @throws MessagingApiException when the emulator rejects the request (e.g. 404 / 30013 when already closed)
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<String> close(String conversationId, String representativeId) {
        requireConversationId(conversationId);
        Representative representative = new Representative().id(representativeId);
        return messageIds(calls.call("closeConversation",
                () -> api.closeConversation(channelId, organizationId, conversationId, representative)));
    }

    /**
     * The contact centre sends one of the documented system events (e.g. {@code TransferToAgentInitiated}) to the
     * webhook; the conversation's state does not change.
     *
     * @param conversationId the conversation's id
     * @param event the documented event name
     * @return the {@code messageId} of the event sent to the webhook
     * @throws MessagingApiException when the emulator rejects the request (e.g. 404 / 30013 when closed)
     * @throws MessagingTransportException when the request could not be completed
     */
    public String sendSystemEvent(String conversationId, SystemEvent.NameEnum event) {
        requireConversationId(conversationId);
        Objects.requireNonNull(event, "event");
        return messageIds(calls.call("sendSystemEvent", () -> api.sendSystemEvent(channelId, organizationId,
                conversationId, new SystemEvent().name(event)))).get(0);
    }

    /**
     * Every activity of the conversation in both directions, with read state and webhook delivery outcome; also
     * for closed conversations.
     *
     * @param conversationId the conversation's id
     * @return the transcript in {@code messageId} order
     * @throws MessagingApiException when the emulator rejects the request (e.g. 404 / 30013)
     * @throws MessagingTransportException when the request could not be completed
     */
    public Transcript transcript(String conversationId) {
        requireConversationId(conversationId);
        return calls.call("getTranscript", () -> api.getTranscript(channelId, organizationId, conversationId));
    }

    /**
     * Registers a channel or changes one (organization, static token, webhook). This client authenticates as its
     * own channel, which must belong to the same organization.
     *
     * @param channelId the GUID of the channel to register or change
     * @param registration the organization, the token the channel accepts, and optionally its webhook URL and
     *                     webhook token (never the channel's token; without one the emulator generates one)
     * @return the channel as registered; the tokens given are not echoed, a webhook token the emulator generated is
     *         in {@code getWebhookToken()}
     * @throws MessagingApiException when the emulator rejects the registration (e.g. 400 / 30002 for a malformed
     *                               channel id, 400 / 30012 for a webhook token equal to the channel's token)
     * @throws MessagingTransportException when the request could not be completed
     */
    public ChannelInfo registerChannel(String channelId, ChannelRegistration registration) {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(registration, "registration");
        return calls.call("registerChannel",
                () -> api.registerChannel(this.channelId, organizationId, channelId, registration));
    }

    /**
     * Forgets this client's channel's conversations: their transcripts, pending webhook deliveries and the
     * channel's idempotency records. Other channels' conversations and every channel registration remain. For the
     * set-up of a test.
     *
     * @throws MessagingApiException when the emulator rejects the request (e.g. 401)
     * @throws MessagingTransportException when the request could not be completed
     */
    public void resetState() {
        calls.run("resetState", () -> api.resetState(channelId, organizationId));
    }

    private static List<String> messageIds(EventsScheduled scheduled) {
        return scheduled.getMessageIds() == null ? List.of() : List.copyOf(scheduled.getMessageIds());
    }

    private static void requireConversationId(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank");
        }
    }
}
