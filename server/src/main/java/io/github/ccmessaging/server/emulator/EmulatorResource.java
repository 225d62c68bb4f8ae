package io.github.ccmessaging.server.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.api.EmulatorApi;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ContextVariables;
import io.github.ccmessaging.server.conversation.Timestamps;
import io.github.ccmessaging.server.model.Attachment;
import io.github.ccmessaging.server.model.ChannelInfo;
import io.github.ccmessaging.server.model.ChannelRegistration;
import io.github.ccmessaging.server.model.ContextList;
import io.github.ccmessaging.server.model.ContextUpdate;
import io.github.ccmessaging.server.model.EventsScheduled;
import io.github.ccmessaging.server.model.Representative;
import io.github.ccmessaging.server.model.RepresentativeActivity;
import io.github.ccmessaging.server.model.SendActivityResponse;
import io.github.ccmessaging.server.model.SystemEvent;
import io.github.ccmessaging.server.model.Transcript;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.stream.EventStreams;
import io.github.ccmessaging.server.webhook.WebhookDispatcher;
import io.github.ccmessaging.server.fault.FaultRuleMessages;
import io.github.ccmessaging.server.fault.FaultRules;
import io.github.ccmessaging.server.http.ProblemResponses;
import io.github.ccmessaging.server.journal.JournalEntries;
import io.github.ccmessaging.server.model.FaultRule;
import io.github.ccmessaging.server.model.FaultRuleList;
import io.github.ccmessaging.server.model.FaultRuleRequest;
import io.github.ccmessaging.server.model.JournalEntry;
import io.github.ccmessaging.server.model.ProviderStateChange;
import io.github.ccmessaging.server.model.JournaledRequests;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.pact.ProviderStates;
import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.Response;

/**
 * The representative's side of a conversation, for test suites and local development: accept, reply, change the
 * context, close, read the transcript, register channels, forget the calling channel's conversations. Every action
 * that the real service would send to the channel is stored in the conversation and handed to the webhook.
 */
@Singleton
@Path(EmulatorResource.PATH)
public final class EmulatorResource implements EmulatorApi {
    static final String PATH = "/emulator";
    /** Who closes a conversation when the close request names no representative. */
    static final String DEFAULT_REPRESENTATIVE = "representative";

    private final ConversationStore store;
    private final ChannelRegistry channels;
    private final WebhookDispatcher webhooks;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventStreams streams;
    private final TranscriptEntries entries;
    private final FaultRules faults;
    private final RequestJournal journal;
    private final ProviderStates states;
    private final Provider<Response> connections;

    @Inject
    public EmulatorResource(ConversationStore store, ChannelRegistry channels, WebhookDispatcher webhooks,
                            ObjectMapper json, Clock clock, EventStreams streams, FaultRules faults,
                            RequestJournal journal, Provider<Response> connections) {
        this.store = store;
        this.channels = channels;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
        this.streams = streams;
        this.entries = new TranscriptEntries(json);
        this.faults = faults;
        this.journal = journal;
        this.connections = connections;
        this.states = new ProviderStates(store, faults, this::sendAsRepresentative, json, clock);
    }

    @Override
    public EventsScheduled acceptConversation(String channelId, String organizationId, String conversationId,
                                              Representative representative) {
        Channel channel = channel(channelId);
        return new EventsScheduled().messageIds(systemEvents(channel, conversationId, SystemEvents.ACCEPTED, null));
    }

    @Override
    public SendActivityResponse sendRepresentativeActivity(String channelId, String organizationId,
                                                           String conversationId, RepresentativeActivity activity) {
        Channel channel = channel(channelId);
        ObjectNode body = webhookActivity(channel, conversationId, activity.getType().toString());
        if (activity.getFrom() != null) {
            body.putObject("from").put("id", activity.getFrom().getId()).put("name", activity.getFrom().getName());
        }
        if (activity.getType() == RepresentativeActivity.TypeEnum.MESSAGE) {
            ActivityRules.requireTextOrAttachments(activity.getText(), activity.getAttachments(),
                    "A message of the representative");
            boolean hasText = activity.getText() != null && !activity.getText().isBlank();
            boolean hasAttachments = activity.getAttachments() != null && !activity.getAttachments().isEmpty();
            body.put("textFormat", activity.getTextFormat() == null ? "markdown" : activity.getTextFormat().toString());
            if (hasText) {
                body.put("text", activity.getText());
            }
            if (hasAttachments) {
                ArrayNode attachments = body.putArray("attachments");
                activity.getAttachments().forEach(attachment -> attachments.add(delivered(attachment)));
            }
        } else {
            body.putObject("recipient").put("id", customerOf(channel, conversationId));
        }
        long messageId = appendAndSend(channel, conversationId, activity.getType().toString(), body,
                Sender.REPRESENTATIVE);
        return new SendActivityResponse().messageId(Long.toString(messageId));
    }

    @Override
    public EventsScheduled sendSystemEvent(String channelId, String organizationId, String conversationId,
                                           SystemEvent event) {
        Channel channel = channel(channelId);
        return new EventsScheduled().messageIds(systemEvents(channel, conversationId, List.of(event.getName().toString()),
                null));
    }

    @Override
    public ContextList updateContext(String channelId, String organizationId, String conversationId,
                                     ContextUpdate update) {
        Channel channel = channel(channelId);
        ContextVariables.check(update.getContext());
        Conversation changed = store.updateContext(channel.channelId(), conversationId,
                        context -> ContextVariables.merge(json, context, update.getContext()))
                .filter(Conversation::open)
                .orElseThrow(() -> ApiProblem.conversationNotFound(conversationId));
        return ContextVariables.list(json, changed.contextJson());
    }

    @Override
    public EventsScheduled closeConversation(String channelId, String organizationId, String conversationId,
                                             Representative representative) {
        Channel channel = channel(channelId);
        String closedBy = representative == null || representative.getId() == null ? DEFAULT_REPRESENTATIVE
                : representative.getId();
        List<String> ids = systemEvents(channel, conversationId, SystemEvents.CLOSED, closedBy);
        store.close(channel.channelId(), conversationId);
        return new EventsScheduled().messageIds(ids);
    }

    @Override
    public Transcript getTranscript(String channelId, String organizationId, String conversationId) {
        Channel channel = channel(channelId);
        Conversation conversation = store.find(channel.channelId(), conversationId)
                .orElseThrow(() -> ApiProblem.conversationNotFound(conversationId));
        Map<Long, Delivery> deliveries = store.deliveries(channel.channelId(), conversationId);
        Transcript transcript = new Transcript().conversationId(conversationId).open(conversation.open())
                .activities(new ArrayList<>());
        for (StoredActivity stored : store.activities(channel.channelId(), conversationId)) {
            transcript.getActivities().add(entries.of(stored, conversation.readUpTo(), deliveries.get(stored.messageId())));
        }
        return transcript;
    }

    @Override
    public void streamConversationEvents(String channelId, String organizationId, String lastEventId,
                                         SseEventSink events, Sse sse) {
        streams.open(channel(channelId).channelId(), lastEventId, events, sse, connections::get);
    }

    @Override
    public ChannelInfo registerChannel(String channelId, String organizationId, String registeredChannelId,
                                       ChannelRegistration registration) {
        if (!registration.getOrganizationId().equalsIgnoreCase(organizationId)) {
            throw new NotAuthorizedException("Bearer");
        }
        Channel registered;
        try {
            registered = new Channel(registeredChannelId, registration.getOrganizationId(), registration.getToken(),
                    registration.getWebhookUrl(), registration.getWebhookToken());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
        channels.register(registered);
        ChannelInfo info = new ChannelInfo().channelId(registered.channelId())
                .organizationId(registered.organizationId()).webhookUrl(registered.webhookUrl());
        // a generated webhook token is told once, here; a given one is not echoed
        if (registration.getWebhookToken() == null && registered.webhookToken() != null) {
            info.webhookToken(registered.webhookToken());
        }
        return info;
    }

    /** Forgets the calling channel's conversations only: any registered channel may call this. */
    @Override
    public void resetState(String channelId, String organizationId) {
        String channel = channel(channelId).channelId();
        store.clear(channel);
        faults.clear(channel);
        journal.clear(channel);
    }

    @Override
    public FaultRule addFaultRule(String channelId, String organizationId, FaultRuleRequest request) {
        io.github.ccmessaging.server.fault.FaultRule rule =
                FaultRuleMessages.toRule(channel(channelId).channelId(), request);
        try {
            faults.add(rule);
        } catch (FaultRules.TooManyRules e) {
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED, e.getMessage());
        }
        return FaultRuleMessages.toWire(rule);
    }

    @Override
    public FaultRuleList listFaultRules(String channelId, String organizationId) {
        return new FaultRuleList().rules(faults.of(channel(channelId).channelId()).stream()
                .map(FaultRuleMessages::toWire).toList());
    }

    @Override
    public void removeFaultRules(String channelId, String organizationId) {
        faults.clear(channel(channelId).channelId());
    }

    @Override
    public void removeFaultRule(String channelId, String organizationId, String ruleId) {
        if (!faults.remove(channel(channelId).channelId(), ruleId)) {
            throw new WebApplicationException(ProblemResponses.of(404, "Not Found",
                    "The channel has no fault rule " + ruleId + "."));
        }
    }

    @Override
    public JournaledRequests listRequests(String channelId, String organizationId, String conversationId, String method,
                                       Integer status, Integer limit) {
        Channel channel = channel(channelId);
        if (!journal.enabled()) {
            throw new WebApplicationException(ProblemResponses.of(404, "Not Found",
                    "The request journal is off (--journal-size 0)."));
        }
        if (method != null && !method.equals("GET") && !method.equals("POST")) {
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, "method must be GET or POST.");
        }
        List<JournalEntry> entries = journal.newestFirst(channel.channelId(), request ->
                        (conversationId == null || conversationId.equals(request.conversationId()))
                                && (method == null || method.equals(request.method()))
                                && (status == null || status.equals(request.status())),
                        limit == null ? Integer.MAX_VALUE : limit)
                .stream().map(JournalEntries::of).toList();
        return new JournaledRequests().capacity(journal.capacity()).requests(entries);
    }

    @Override
    public void clearRequests(String channelId, String organizationId) {
        journal.clear(channel(channelId).channelId());
    }

    @Override
    public Map<String, Object> changeProviderState(String channelId, String organizationId,
                                                   ProviderStateChange change) {
        return states.change(channel(channelId), change.getState(), change.getParams(),
                change.getAction() != ProviderStateChange.ActionEnum.TEARDOWN);
    }

    /** A message of the representative, as {@link #sendRepresentativeActivity} sends one; for provider states. */
    private String sendAsRepresentative(Channel channel, String conversation, String text) {
        ObjectNode body = webhookActivity(channel, conversation, "message").put("textFormat", "markdown")
                .put("text", text);
        return Long.toString(appendAndSend(channel, conversation, "message", body, Sender.REPRESENTATIVE));
    }

    /** The events as the documented samples show them; {@code fromId}, when not null, names who sent them. */
    private List<String> systemEvents(Channel channel, String conversation, List<String> names, String fromId) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ObjectNode body = webhookActivity(channel, conversation, "message");
            if (fromId != null) {
                body.putObject("from").put("id", fromId);
            }
            body.put("name", name).put("text", "EventName: **_" + name + "_**");
            ids.add(Long.toString(appendAndSend(channel, conversation, "message", body, Sender.SYSTEM)));
        }
        return ids;
    }

    /** An attachment with every member of the documented sample; {@code content} and {@code thumbnailUrl} are null. */
    private ObjectNode delivered(Attachment attachment) {
        ObjectNode delivered = json.createObjectNode();
        if (attachment.getContentType() != null) {
            delivered.put("contentType", attachment.getContentType());
        }
        if (attachment.getContentUrl() != null) {
            delivered.put("contentUrl", attachment.getContentUrl());
        }
        delivered.putNull("content");
        if (attachment.getName() != null) {
            delivered.put("name", attachment.getName());
        }
        return delivered.putNull("thumbnailUrl");
    }

    /** The customer a typing indicator goes to: the customer id the conversation was created with, else its own id. */
    private String customerOf(Channel channel, String conversation) {
        return store.find(channel.channelId(), conversation).filter(Conversation::open)
                .map(c -> c.customerId() == null ? c.id() : c.customerId())
                .orElseThrow(() -> ApiProblem.conversationNotFound(conversation));
    }

    private ObjectNode webhookActivity(Channel channel, String conversation, String type) {
        ObjectNode body = json.createObjectNode().put("type", type).put("channelId", channel.channelId());
        body.putObject("conversation").put("id", conversation);
        return body;
    }

    /** Stores the activity (its messageId from the conversation's clock) with its delivery to the webhook. */
    private long appendAndSend(Channel channel, String conversation, String type, ObjectNode body, Sender sender) {
        Outbound outbound = new Outbound(channel.webhookUrl(),
                channel.webhookUrl() == null ? null : channel.webhookToken());
        faults.noteDelivery(channel.channelId(), conversation);
        long messageId = store.append(channel.channelId(), conversation,
                        new NewActivity(null, type, body.toString(), clock.instant(), false, sender, outbound))
                .orElseThrow(() -> ApiProblem.conversationNotFound(conversation)).messageId();
        webhooks.wake();
        return messageId;
    }

    private Channel channel(String channelId) {
        return channels.find(channelId).orElseThrow(() -> new NotAuthorizedException("Bearer"));
    }
}
