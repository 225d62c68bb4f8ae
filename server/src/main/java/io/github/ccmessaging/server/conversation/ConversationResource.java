package io.github.ccmessaging.server.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.activity.CheckedActivity;
import io.github.ccmessaging.server.api.ConversationsApi;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.ContextList;
import io.github.ccmessaging.server.model.ContextVariable;
import io.github.ccmessaging.server.model.ConversationList;
import io.github.ccmessaging.server.model.MessageList;
import io.github.ccmessaging.server.model.CreateConversationRequest;
import io.github.ccmessaging.server.model.CreateConversationResponse;
import io.github.ccmessaging.server.model.CustomerContext;
import io.github.ccmessaging.server.model.SendActivityResponse;
import io.github.ccmessaging.server.model.StartMessage;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static java.util.concurrent.CompletableFuture.completedFuture;

/**
 * The consumer API's conversation endpoints: create, and send an activity. Authentication happened before.
 * Jersey does not read {@code @Path} from an implemented interface, so the class repeats the generated one (a test
 * keeps the two equal); the method annotations are inherited from the generated interface. A create or a send answers
 * when the store has committed it, without holding a request thread meanwhile when the store commits on its own threads.
 */
@Singleton
@Path(ConversationResource.PATH)
public final class ConversationResource implements ConversationsApi {
    static final String PATH = "/api/v1.0/consumer";

    private final ConversationStore store;
    private final ActivityRules rules;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConversationQueries queries;

    @Inject
    public ConversationResource(ConversationStore store, ActivityRules rules, ObjectMapper json, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
        this.queries = new ConversationQueries(store, json);
    }

    @Override
    public CompletionStage<CreateConversationResponse> createConversation(String channelId, String organizationId,
                                                         CreateConversationRequest request) {
        Map<String, ContextVariable> context = request.getConversationcontext();
        if (context != null) {
            ContextVariables.check(context);
        }
        CustomerContext customer = request.getCustomercontext();
        Instant now = clock.instant();
        NewConversation conversation = new NewConversation(
                channelId,
                customer == null ? null : customer.getCustomerid(),
                request.getConversationrequestid(),
                toJson(context == null ? Map.of() : context),
                startMessage(request.getStartmessage(), now),
                now);
        return store.createAsync(conversation).thenApply(outcome -> {
            CreateConversationResponse response = new CreateConversationResponse()
                    .conversationId(outcome.conversationId())
                    .isNew(outcome.isNew());
            outcome.startMessageId().ifPresent(id -> response.messageId(Long.toString(id)));
            return response;
        });
    }

    @Override
    public CompletionStage<SendActivityResponse> sendActivity(String channelId, String organizationId,
                                                              String conversationId, Activity activity) {
        CheckedActivity checked = rules.check(activity, channelId, conversationId);
        if (checked.readMessageId() != null) {
            checkReadMessage(channelId, conversationId, checked.readMessageId());
        }
        NewActivity toStore = new NewActivity(checked.clientId(), checked.type(), toJson(activity), clock.instant(),
                checked.endsConversation());
        CompletionStage<Appended> stored = store.appendAsync(channelId, conversationId, toStore)
                .thenApply(appended -> appended.orElseThrow(() -> ApiProblem.conversationNotFound(conversationId)));
        if (checked.readMessageId() != null) {
            long readUpTo = Long.parseLong(checked.readMessageId());
            return stored.thenCompose(appended -> store.markReadAsync(channelId, conversationId, readUpTo))
                    .thenApply(read -> new SendActivityResponse().messageId(""));
        }
        return stored.thenApply(appended -> new SendActivityResponse().messageId(Long.toString(appended.messageId())));
    }

    /** A read event names a message of the representative that exists in this conversation. */
    private void checkReadMessage(String channelId, String conversationId, String messageId) {
        boolean fromRepresentative = store.activity(channelId, conversationId, Long.parseLong(messageId))
                .filter(a -> a.sender() == Sender.REPRESENTATIVE && "message".equals(a.type())).isPresent();
        if (!fromRepresentative) {
            store.find(channelId, conversationId).filter(Conversation::open)
                    .orElseThrow(() -> ApiProblem.conversationNotFound(conversationId));
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED,
                    "MessageRead names " + messageId + ", which is not a message of the representative in this conversation.");
        }
    }

    @Override
    public CompletionStage<ConversationList> listConversations(String channelId, String organizationId,
                                                               String startTimeStamp, Integer pageSize,
                                                               String continuationToken) {
        return completedFuture(queries.conversations(channelId, startTimeStamp, pageSize,
                continuationToken));
    }

    @Override
    public CompletionStage<MessageList> listMessages(String channelId, String organizationId, String conversationId,
                                                     String startTimeStamp, Integer pageSize,
                                                     String continuationToken) {
        return completedFuture(queries.messages(channelId,
                conversationId, startTimeStamp, pageSize, continuationToken));
    }

    @Override
    public CompletionStage<ContextList> getContext(String channelId, String organizationId, String conversationId) {
        return completedFuture(queries.context(channelId,
                conversationId));
    }

    private NewActivity startMessage(StartMessage start, Instant now) {
        if (start == null) {
            return null;
        }
        ObjectNode message = json.createObjectNode().put("type", "message").put("text", start.getMessage());
        if (start.getDisplayname() != null) {
            message.putObject("from").put("name", start.getDisplayname());
        }
        return new NewActivity(null, "message", message.toString(), now, false);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(ErrorCode.SERIALIZATION_FAILED, "The activity could not be stored as JSON.");
        }
    }
}
