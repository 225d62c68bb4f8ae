package io.github.ccmessaging.client;

import io.github.ccmessaging.client.api.EmulatorApi;
import io.github.ccmessaging.client.model.ChannelInfo;
import io.github.ccmessaging.client.model.ChannelRegistration;
import io.github.ccmessaging.client.model.ContextUpdate;
import io.github.ccmessaging.client.model.EventsScheduled;
import io.github.ccmessaging.client.model.Fault;
import io.github.ccmessaging.client.model.FaultMatch;
import io.github.ccmessaging.client.model.FaultRule;
import io.github.ccmessaging.client.model.FaultRuleList;
import io.github.ccmessaging.client.model.FaultRuleRequest;
import io.github.ccmessaging.client.model.JournalEntry;
import io.github.ccmessaging.client.model.JournaledRequests;
import io.github.ccmessaging.client.model.ProviderStateChange;
import io.github.ccmessaging.client.model.Representative;
import io.github.ccmessaging.client.model.SystemEvent;
import io.github.ccmessaging.client.model.RepresentativeActivity;
import io.github.ccmessaging.client.model.Transcript;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The representative's side of this project's emulator, for test suites of a channel: accept a conversation, answer
 * the customer, change the context, close the conversation, read the transcript, register channels and reset the
 * emulator; and its test controls: fault rules ({@link #addFault}), the request journal ({@link #requests()}) and
 * Pact provider states ({@link #setUpProviderState}). Not part of Microsoft's API: Dynamics 365 answers these requests with 404.
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

    /**
     * Adds a fault rule to the client's channel: the emulator answers matching consumer API requests with 429, 500 or
     * 503, late, on a closed connection or cut mid-body, or delivers to the webhook late or twice. Only this channel's
     * requests and deliveries trigger it. A faulted request changes nothing on the emulator.
     *
     * <pre>{@code
     * emulator.addFault(new FaultRuleRequest()
     *         .match(new FaultMatch().method(FaultMatch.MethodEnum.POST)
     *                 .path(FaultMatch.PathEnum.fromValue("/api/v1.0/consumer/conversation/{conversationId}")))
     *         .fault(new Fault().type(Fault.TypeEnum.STATUS).status(Fault.StatusEnum.NUMBER_429).retryAfterSeconds(2))
     *         .times(1));
     * }</pre>
     *
     * @param rule which requests, what happens, how often (see {@code POST /emulator/faults})
     * @return the rule as kept, with its {@code id}
     * @throws MessagingApiException when the emulator refuses the rule (400 / 30012 for a malformed one, 30003 for one
     *                               that would match every request)
     * @throws MessagingTransportException when the request could not be completed
     */
    public FaultRule addFault(FaultRuleRequest rule) {
        Objects.requireNonNull(rule, "rule");
        return calls.call("addFaultRule", () -> api.addFaultRule(channelId, organizationId, rule));
    }

    /**
     * Makes the next {@code times} requests with this method and path template fail with {@code status}: 429 and 503
     * carry {@code Retry-After: 1}.
     *
     * @param method {@code GET} or {@code POST}
     * @param pathTemplate a consumer API path template, e.g. {@code /api/v1.0/consumer/conversation/create}
     * @param status 429, 500 or 503
     * @param times how many requests fail, at least 1
     * @return the rule as kept
     * @throws IllegalArgumentException for a method, path or status the emulator does not know
     * @throws MessagingApiException when the emulator refuses the rule
     * @throws MessagingTransportException when the request could not be completed
     */
    public FaultRule failNext(String method, String pathTemplate, int status, int times) {
        return addFault(new FaultRuleRequest()
                .match(new FaultMatch().method(FaultMatch.MethodEnum.fromValue(method))
                        .path(FaultMatch.PathEnum.fromValue(pathTemplate)))
                .fault(new Fault().type(Fault.TypeEnum.STATUS).status(Fault.StatusEnum.fromValue(status)))
                .times(times));
    }

    /**
     * The channel's fault rules, in the order they are tried, with how often each matched and fired.
     *
     * @return the rules (unmodifiable)
     * @throws MessagingApiException when the emulator refuses the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<FaultRule> faults() {
        FaultRuleList rules = calls.call("listFaultRules", () -> api.listFaultRules(channelId, organizationId));
        return rules.getRules() == null ? List.of() : List.copyOf(rules.getRules());
    }

    /**
     * Removes one fault rule of the channel.
     *
     * @param ruleId the rule's {@code id}
     * @throws MessagingApiException with status 404 when the channel has no such rule
     * @throws MessagingTransportException when the request could not be completed
     */
    public void removeFault(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        calls.run("removeFaultRule", () -> api.removeFaultRule(channelId, organizationId, ruleId));
    }

    /**
     * Removes every fault rule of the channel.
     *
     * @throws MessagingApiException when the emulator refuses the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public void removeFaults() {
        calls.run("removeFaultRules", () -> api.removeFaultRules(channelId, organizationId));
    }

    /**
     * Every request the channel sent to the consumer API that the emulator's journal still keeps, newest first, with
     * its answer's status, {@code errorCode} and correlation id; tokens are redacted.
     *
     * @return the requests (unmodifiable)
     * @throws MessagingApiException with status 404 when the emulator runs without journal ({@code --journal-size 0})
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<JournalEntry> requests() {
        return requests(null, null, null);
    }

    /**
     * The journaled requests that match every filter given, newest first; e.g. {@code requests(id, "POST", 200)} for
     * the activities of a conversation that the emulator accepted.
     *
     * @param conversationId only requests about this conversation (null: any)
     * @param method only {@code GET} or only {@code POST} (null: any)
     * @param status only requests answered with this status (null: any)
     * @return the requests (unmodifiable)
     * @throws MessagingApiException with status 404 when the journal is off, 400 for a malformed filter
     * @throws MessagingTransportException when the request could not be completed
     */
    public List<JournalEntry> requests(String conversationId, String method, Integer status) {
        JournaledRequests journal = calls.call("listRequests",
                () -> api.listRequests(channelId, organizationId, conversationId, method, status, null));
        return journal.getRequests() == null ? List.of() : List.copyOf(journal.getRequests());
    }

    /**
     * Forgets the channel's journaled requests, e.g. between the steps of a test.
     *
     * @throws MessagingApiException when the emulator refuses the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public void clearRequests() {
        calls.run("clearRequests", () -> api.clearRequests(channelId, organizationId));
    }

    /**
     * Sets up a Pact provider state of the emulator's catalogue in the channel, as a Pact verifier does through the
     * state change URL; e.g. {@code setUpProviderState("a conversation exists", Map.of("conversationId", id))}.
     *
     * @param state a state of the catalogue (see {@code POST /emulator/pact/provider-states})
     * @param params the state's parameters; {@code Map.of()} for none
     * @return the values the state made, e.g. {@code conversationId}
     * @throws MessagingApiException with 400 / 30003 for an unknown state, 30012 or 30005 for a malformed parameter
     * @throws MessagingTransportException when the request could not be completed
     */
    public Map<String, Object> setUpProviderState(String state, Map<String, ?> params) {
        return changeProviderState(state, params, ProviderStateChange.ActionEnum.SETUP);
    }

    /**
     * Tears a provider state down again: removes the fault rules a fault state added.
     *
     * @param state the state that was set up
     * @param params its parameters
     * @throws MessagingApiException when the emulator refuses the request
     * @throws MessagingTransportException when the request could not be completed
     */
    public void tearDownProviderState(String state, Map<String, ?> params) {
        changeProviderState(state, params, ProviderStateChange.ActionEnum.TEARDOWN);
    }

    private Map<String, Object> changeProviderState(String state, Map<String, ?> params,
                                                    ProviderStateChange.ActionEnum action) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(params, "params");
        ProviderStateChange change = new ProviderStateChange().state(state).params(new LinkedHashMap<>(params))
                .action(action);
        Map<String, Object> values = calls.call("changeProviderState",
                () -> api.changeProviderState(channelId, organizationId, change));
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
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
