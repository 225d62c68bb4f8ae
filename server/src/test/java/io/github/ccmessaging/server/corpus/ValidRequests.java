package io.github.ccmessaging.server.corpus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.ccmessaging.server.SpecDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates requests that the OpenAPI document accepts: activities of every supported kind and create requests, with
 * a random choice of optional members and random values, some of them exactly at their documented limit. The corpus
 * breaks one rule of such a request at a time, so the broken rule is the only reason for a rejection.
 */
final class ValidRequests {
    /** The activity kinds of the send endpoint. */
    enum Kind { MESSAGE, TYPING, END_OF_CONVERSATION, READ_EVENT, CUSTOM_EVENT }

    /** The limits valid values go up to, read from the OpenAPI document. */
    static final int ID_MAX = limit("ActivityId/maxLength");
    static final int FROM_ID_MAX = limit("ChannelAccount/properties/id/maxLength");
    static final int FROM_NAME_MAX = limit("ChannelAccount/properties/name/maxLength");
    static final int AUTOMATED_TYPE_MAX = limit("MessagingApiChannelData/properties/type/maxLength");
    static final int ATTACHMENT_NAME_MAX = limit("Attachment/properties/name/maxLength");
    static final int CODE_MAX = limit("EndOfConversationActivity/properties/code/maxLength");
    static final int EVENT_NAME_MAX = limit("EventActivity/properties/name/maxLength");
    static final int CUSTOMER_STRING_MAX = limit("CustomerContext/properties/firstname/maxLength");
    static final int TEXT_MAX = limit("MessageActivity/properties/text/maxLength");
    static final int START_MESSAGE_MAX = limit("StartMessage/properties/message/maxLength");
    static final int DISPLAY_NAME_MAX = limit("StartMessage/properties/displayname/maxLength");
    static final int CONTEXT_MAX = limit("CreateConversationRequest/properties/conversationcontext/maxProperties");
    static final List<String> CUSTOMER_FIELDS = customerFields();

    private static int limit(String pointer) {
        return SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS + pointer).asInt();
    }

    private static List<String> customerFields() {
        List<String> fields = new java.util.ArrayList<>();
        SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS + "CustomerContext/properties").fieldNames()
                .forEachRemaining(fields::add);
        return List.copyOf(fields);
    }

    /** Letters, digits, punctuation that JSON must escape, and non-ASCII letters of the Basic Multilingual Plane. */
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + " -_.,:;!?'\"\\/@#%&*()[]{}<>=+~" + "éüßçñøåЖжλΩ中文字日本語한국어עבריתعربي";
    private static final String[] EMOJI = {"\uD83D\uDE00", "\uD83D\uDC4D", "\uD83C\uDF89"};

    private final Random random;
    private final String channelId;
    /** Customer ids and request ids that rejected creates carry; a later valid create proves none was stored. */
    private final List<String> customerIds;
    private final List<String> requestIds;
    private int activitySerial;
    /** Read events name this message of the representative (the server checks it exists); null: any id. */
    private String readableMessageId;

    ValidRequests(Random random, String channelId, List<String> customerIds, List<String> requestIds) {
        this.random = random;
        this.channelId = channelId;
        this.customerIds = customerIds;
        this.requestIds = requestIds;
    }

    Random random() {
        return random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    Kind anyKind() {
        return pick(List.of(Kind.values()));
    }

    /** A non-blank string of {@code min..max} UTF-16 units; sometimes exactly {@code max} long. */
    String string(int min, int max) {
        int length = chance(0.1) ? max : min + random.nextInt(Math.min(max, 40) - min + 1);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            if (length - out.length() >= 2 && chance(0.03)) {
                out.append(EMOJI[random.nextInt(EMOJI.length)]);
            } else {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        if (out.toString().isBlank()) {
            out.setCharAt(0, 'x');
        }
        return out.toString();
    }

    /** {@code length} characters of the Basic Multilingual Plane, each one UTF-16 unit and one code point. */
    String bmp(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            out.append(i == 0 && c == ' ' ? 'y' : c);
        }
        return out.toString();
    }

    String guid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    String messageId() {
        return Long.toString(1_700_000_000_000L + (long) (random.nextDouble() * 100_000_000_000L));
    }

    // ----------------------------------------------------------------------------------------------- activities

    ObjectNode activity(Kind kind, String conversationId) {
        return switch (kind) {
            case MESSAGE -> message(conversationId);
            case TYPING -> typing(conversationId);
            case END_OF_CONVERSATION -> endOfConversation(conversationId);
            case READ_EVENT -> readEvent(conversationId);
            case CUSTOM_EVENT -> customEvent(conversationId);
        };
    }

    ObjectNode message(String conversationId) {
        ObjectNode activity = common("message", conversationId);
        boolean text = chance(0.8);
        if (text) {
            activity.put("text", chance(0.04) ? bmp(TEXT_MAX) : string(1, 200));
        }
        if (!text || chance(0.3)) {
            ArrayNode attachments = activity.putArray("attachments");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                attachments.add(attachment());
            }
        }
        if (chance(0.3)) {
            ObjectNode data = activity.putObject("channelData");
            if (chance(0.8)) {
                ObjectNode oc = data.putObject("messagingapi-oc");
                if (chance(0.8)) {
                    oc.put("type", chance(0.7) ? "AutomatedMessage" : string(1, AUTOMATED_TYPE_MAX));
                }
            }
        }
        return activity;
    }

    ObjectNode attachment() {
        ObjectNode attachment = Json.object();
        String name = string(1, 20) + pick(List.of(".png", ".pdf", ".jpg", ".txt"));
        if (chance(0.8)) {
            attachment.put("contentType", pick(List.of("image/png", "application/pdf", "image/jpeg", "text/plain")));
        }
        if (chance(0.9)) {
            attachment.put("contentUrl", chance(0.7)
                    ? "https://files.example/" + random.nextInt(1_000_000) + "/" + name.replace(' ', '_')
                    : "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==");
        }
        if (chance(0.8)) {
            attachment.put("name", chance(0.05) ? bmp(ATTACHMENT_NAME_MAX) : name);
        }
        return attachment;
    }

    ObjectNode typing(String conversationId) {
        return common("typing", conversationId);
    }

    ObjectNode endOfConversation(String conversationId) {
        ObjectNode activity = common("endOfConversation", conversationId);
        if (chance(0.3)) {
            activity.put("code", chance(0.8) ? pick(List.of("userCancelled", "completedSuccessfully", "unknown"))
                    : string(1, CODE_MAX));
        }
        return activity;
    }

    /** Read events name {@code messageId}, which must be a message of the representative in the conversation. */
    ValidRequests readingMessage(String messageId) {
        this.readableMessageId = messageId;
        return this;
    }

    ObjectNode readEvent(String conversationId) {
        ObjectNode activity = common("event", conversationId);
        activity.put("name", "MessageRead");
        activity.putObject("value").put("messageId", readableMessageId != null ? readableMessageId : messageId());
        return activity;
    }

    ObjectNode customEvent(String conversationId) {
        ObjectNode activity = common("event", conversationId);
        String name;
        do {
            name = chance(0.5) ? pick(List.of("TestEvent", "OrderShipped", "CartUpdated", "ProfileChanged"))
                    : string(1, EVENT_NAME_MAX);
        } while (name.equals("MessageRead"));
        activity.put("name", name);
        ObjectNode data = activity.putObject("channelData");
        data.put("customEvent", true);
        if (chance(0.7)) {
            data.put("customEventName", name);
        }
        if (chance(0.7)) {
            ObjectNode variables = Json.object();
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> variables.put("stringVar" + i, string(1, 30));
                    case 1 -> variables.put("numberVar" + i, random.nextInt(2000) / 10.0 - 100);
                    case 2 -> variables.put("boolVar" + i, random.nextBoolean());
                    default -> variables.putObject("displayableVar" + i).put("isDisplayable", random.nextBoolean())
                            .put("value", string(1, 30));
                }
            }
            data.put("customEventValue", Json.text(variables));
        }
        return activity;
    }

    /** The members every kind shares, each optional; {@code conversationId} null: no conversation member. */
    private ObjectNode common(String type, String conversationId) {
        ObjectNode activity = Json.object();
        activity.put("type", type);
        if (chance(0.5)) {
            activity.put("id", chance(0.05) ? bmp(ID_MAX) : "corpus-" + (++activitySerial) + "-" + random.nextInt(1_000_000));
        }
        if (chance(0.6)) {
            activity.put("channelId", chance(0.2) ? channelId.toUpperCase(Locale.ROOT) : channelId);
        }
        if (chance(0.6)) {
            ObjectNode from = activity.putObject("from");
            if (chance(0.6)) {
                from.put("id", chance(0.05) ? bmp(FROM_ID_MAX) : "customer-" + random.nextInt(10_000));
            }
            if (chance(0.7)) {
                from.put("name", string(1, FROM_NAME_MAX));
            }
        }
        if (conversationId != null && chance(0.6)) {
            activity.putObject("conversation").put("id",
                    chance(0.2) ? conversationId.toUpperCase(Locale.ROOT) : conversationId);
        }
        if (chance(0.2)) {
            // Bot Framework members this API does not know: accepted and ignored
            switch (random.nextInt(3)) {
                case 0 -> activity.put("locale", "en-US");
                case 1 -> activity.put("timestamp", "2026-04-15T12:37:00.000Z");
                default -> activity.putObject("recipient").put("id", "bot");
            }
        }
        return activity;
    }

    // ------------------------------------------------------------------------------------------------- create

    /** A valid create request; {@code pooled}: its customer and request ids come from the corpus pools. */
    ObjectNode create(boolean pooled) {
        ObjectNode request = Json.object();
        if (chance(0.7)) {
            ObjectNode customer = request.putObject("customercontext");
            for (String field : CUSTOMER_FIELDS) {
                if (chance(0.5)) {
                    customer.put(field, customerValue(field, pooled));
                }
            }
        }
        if (chance(0.5)) {
            ObjectNode context = request.putObject("conversationcontext");
            int count = chance(0.05) ? CONTEXT_MAX : random.nextInt(6);
            for (int i = 0; i < count; i++) {
                context.set("var" + i + "_" + random.nextInt(1000), contextVariable());
            }
        }
        if (chance(0.4)) {
            request.put("conversationrequestid", pooled ? pick(requestIds) : "valid-" + guid());
        }
        if (chance(0.4)) {
            ObjectNode start = request.putObject("startmessage");
            start.put("message", chance(0.03) ? bmp(START_MESSAGE_MAX) : string(1, 200));
            if (chance(0.5)) {
                start.put("displayname", string(1, DISPLAY_NAME_MAX));
            }
        }
        if (chance(0.3)) {
            request.put("skipdeflectionbot", random.nextBoolean());
        }
        return request;
    }

    String customerValue(String field, boolean pooled) {
        return switch (field) {
            case "customerid" -> pooled ? pick(customerIds) : "valid-" + guid();
            case "email" -> "user" + random.nextInt(10_000) + "@contoso.example";
            case "phonenumber" -> "+1 555 " + (1000 + random.nextInt(9000));
            default -> string(1, CUSTOMER_STRING_MAX);
        };
    }

    ObjectNode contextVariable() {
        ObjectNode variable = Json.object();
        if (chance(0.7)) {
            variable.put("isDisplayable", random.nextBoolean());
        }
        switch (random.nextInt(4)) {
            case 0 -> variable.put("value", string(1, 40));
            case 1 -> variable.put("value", random.nextInt(100_000) - 50_000);
            case 2 -> variable.put("value", random.nextInt(100_000) / 100.0);
            default -> variable.put("value", random.nextBoolean());
        }
        return variable;
    }
}
