package io.github.ccmessaging.server.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.EventActivity;
import io.github.ccmessaging.server.model.EventChannelData;
import io.github.ccmessaging.server.model.MessageActivity;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import java.util.List;

/**
 * The rules of the send endpoint that the schema cannot express, each answered with its documented code. The schema's
 * own constraints (lengths, types, required members) are checked before, by bean validation of the generated models.
 */
public final class ActivityRules {
    static final String READ_EVENT = "MessageRead";

    private final ObjectMapper json;

    public ActivityRules(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Checks an activity sent by the customer.
     *
     * @param channelId the {@code channel-id} header (already authenticated)
     * @param conversationId the conversation of the request path
     * @throws ApiProblem when a rule is broken
     */
    public CheckedActivity check(Activity activity, String channelId, String conversationId) {
        ActivityEnvelope envelope = ActivityEnvelope.of(activity);
        if (envelope.channelId() != null && !envelope.channelId().equalsIgnoreCase(channelId)) {
            throw new ApiProblem(ErrorCode.INVALID_CHANNEL_ID,
                    "The activity's channelId does not match the channel-id header.");
        }
        if (envelope.conversationId() != null && !envelope.conversationId().equalsIgnoreCase(conversationId)) {
            throw new ApiProblem(ErrorCode.INVALID_CONVERSATION_ID,
                    "The activity's conversation.id does not match the conversation of the request path.");
        }
        if (activity instanceof MessageActivity message) {
            checkMessage(message);
        }
        String readMessageId = activity instanceof EventActivity event ? checkEvent(event) : null;
        return new CheckedActivity(envelope.type(), envelope.id(), readMessageId,
                "endOfConversation".equals(envelope.type()));
    }

    /** The text's length (30011) is a constraint of the schema, checked by bean validation before. */
    private static void checkMessage(MessageActivity message) {
        requireTextOrAttachments(message.getText(), message.getAttachments(), "A message activity");
    }

    /** 30016 unless there is a non-blank text or at least one attachment; {@code what} names the message. */
    public static void requireTextOrAttachments(String text, List<?> attachments, String what) {
        boolean hasText = text != null && !text.isBlank();
        if (!hasText && (attachments == null || attachments.isEmpty())) {
            throw new ApiProblem(ErrorCode.NO_TEXT_OR_ATTACHMENTS,
                    what + " needs a non-blank text or at least one attachment.");
        }
    }

    /** @return the messageId a read event names, null for a custom event */
    private String checkEvent(EventActivity event) {
        if (READ_EVENT.equals(event.getName())) {
            if (event.getValue() == null || event.getValue().getMessageId() == null) {
                throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED,
                        "A MessageRead event needs value.messageId, the 13-digit id of the message read.");
            }
            return event.getValue().getMessageId();
        }
        EventChannelData data = event.getChannelData();
        if (data == null || !Boolean.TRUE.equals(data.getCustomEvent())) {
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED, "Event '" + event.getName()
                    + "' is not supported: send MessageRead, or a custom event with channelData.customEvent true.");
        }
        if (data.getCustomEventValue() != null) {
            checkCustomEventValue(data.getCustomEventValue());
        }
        return null;
    }

    private void checkCustomEventValue(String value) {
        try {
            JsonNode parsed = json.readTree(value);
            if (parsed == null || !parsed.isObject()) {
                throw new ApiProblem(ErrorCode.MALFORMED_REQUEST,
                        "channelData.customEventValue must be a JSON-encoded object of variables.");
            }
        } catch (JsonProcessingException e) {
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST,
                    "channelData.customEventValue is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
