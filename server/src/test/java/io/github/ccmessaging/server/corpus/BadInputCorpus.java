package io.github.ccmessaging.server.corpus;

import static io.github.ccmessaging.server.corpus.BadCase.NONE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.corpus.ValidRequests.Kind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The bad-input corpus: valid requests from {@link ValidRequests}, each broken in exactly one way, with the answer the
 * OpenAPI document prescribes. Deterministic for a seed and a target.
 *
 * <p>The members, their JSON types, their maximum lengths and whether null is refused are read from the OpenAPI
 * document. A case that holds the server to a project choice of the document (a limit or a rule Microsoft does not
 * document, such as the activity {@code id}'s 256 characters or whitespace-only text counting as no text) says so in
 * {@link BadCase#projectChoice()}.
 *
 * <p>Codes, as the document's send/create descriptions and parameters say: schema or JSON breaks 30012; text longer
 * than 6,000 characters 30011; message without text or attachments 30016; unsupported event 30003; body
 * {@code channelId} other than the header, or malformed/missing {@code channel-id} 30002; malformed/missing
 * {@code organization-id} 30001; malformed path id or body {@code conversation.id} other than the path 30005; more than
 * 100 context variables 30010; unknown or closed conversation 404/30013; token missing, wrong, or not for this
 * channel/organization 401 without a code.
 *
 * <p>Cases where the server's answer differs from the document are generated too, marked {@code disputed} with the
 * reason, and kept out of the assertion (they run against a separate server, since the server accepts some of them):
 * <ol>
 *   <li>{@code null} for an optional member (the document declares no member {@code nullable}, so null is a schema
 *       violation, 30012): the server treats null as absent (200), or answers 30016/30003 for null text/attachments,
 *       {@code customEvent} or read-event {@code value}.</li>
 *   <li>Invalid UTF-8 that lenient decoders accept — overlong forms, UTF-16 surrogates (CESU-8), code points above
 *       U+10FFFF (RFC 8259 requires UTF-8, so 30012): the server accepts them in some places.</li>
 *   <li>Strings within {@code maxLength} in code points but over it in UTF-16 units (emoji): JSON Schema counts
 *       characters, the server counts UTF-16 units and rejects them.</li>
 *   <li>An unparseable {@code Content-Type} header: the server answers a bare 400 without problem details.</li>
 * </ol>
 */
final class BadInputCorpus {
    static final String SEND_PREFIX = "/api/v1.0/consumer/conversation/";
    static final String CREATE_PATH = SEND_PREFIX + "create";

    static final int MALFORMED = 30012;
    static final int TEXT_TOO_LONG = 30011;
    static final int NO_TEXT = 30016;
    static final int UNSUPPORTED = 30003;
    static final int CHANNEL = 30002;
    static final int ORGANIZATION = 30001;
    static final int CONVERSATION = 30005;
    static final int TOO_MANY_VARIABLES = 30010;
    static final int NOT_FOUND = 30013;

    private static final String NULL_DISPUTE = "null for an optional member: the document declares no member nullable";
    private static final String UTF8_DISPUTE = "invalid UTF-8 that lenient decoders accept";
    private static final String UTF16_DISPUTE = "within maxLength in code points, over it in UTF-16 units";
    private static final String CONTENT_TYPE_DISPUTE = "unparseable Content-Type header";

    /**
     * The conversations the corpus aims at.
     *
     * @param conversationId an open conversation of the DEV channel; no bad request may change it
     * @param representativeMessageId a message of the representative in that conversation, which read events name
     * @param closedConversationId a closed conversation of the DEV channel
     * @param otherChannelConversationId an open conversation of the OTHER channel
     */
    record Target(String conversationId, String representativeMessageId, String closedConversationId,
                  String otherChannelConversationId) {
    }

    /**
     * A member of a request as the OpenAPI document declares it: its path, JSON type, maximum length (0: none), whether
     * that maximum is a project choice rather than a documented limit, whether it is required (null refused), and the
     * code that answers a break of its limit ({@code x-error-code}, else 30012).
     */
    private record Field(String path, JType type, int max, boolean maxIsProjectChoice, boolean required, int code) {
    }

    private enum JType { STRING, OBJECT, ARRAY, BOOLEAN, SCALAR, MESSAGE_ID }

    /** The body schema of each kind of request. */
    private static final Map<Kind, String> SCHEMAS = Map.of(Kind.MESSAGE, "MessageActivity",
            Kind.TYPING, "TypingActivity", Kind.END_OF_CONVERSATION, "EndOfConversationActivity",
            Kind.READ_EVENT, "EventActivity", Kind.CUSTOM_EVENT, "EventActivity");
    private static final String CREATE_SCHEMA = "CreateConversationRequest";
    private static final Map<Kind, List<Field>> FIELDS = new LinkedHashMap<>();
    private static final List<Field> CREATE_FIELDS;

    static {
        for (Kind kind : Kind.values()) {
            FIELDS.put(kind, fieldsOf(SCHEMAS.get(kind)));
        }
        CREATE_FIELDS = fieldsOf(CREATE_SCHEMA);
    }

    /** The members of a body schema, read from the OpenAPI document (never copied from it). */
    private static List<Field> fieldsOf(String schema) {
        List<Field> fields = new ArrayList<>();
        for (SpecDocument.Member member : SpecDocument.members(schema)) {
            JType type = switch (member.type()) {
                case "string" -> member.resolved().path("pattern").asText().equals("^[0-9]{13}$") ? JType.MESSAGE_ID
                        : JType.STRING;
                case "object" -> JType.OBJECT;
                case "array" -> JType.ARRAY;
                case "boolean" -> JType.BOOLEAN;
                case "any" -> JType.SCALAR;
                default -> throw new IllegalStateException("no bad values for a " + member.type() + ": " + member.path());
            };
            fields.add(new Field(member.path(), type, member.maxLength(), member.projectChoice("maxLength"),
                    required(member), member.declared().path("x-error-code").asInt(MALFORMED)));
        }
        return fields;
    }

    private static boolean required(SpecDocument.Member member) {
        if (member.name().equals("$VAR")) {
            return true; // a context variable must be an object with a value
        }
        for (JsonNode name : SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS + member.schema())
                .path("required")) {
            if (name.asText().equals(member.name())) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> WRONG_STRING = List.of("42", "-7", "0", "3.14", "true", "false", "[]", "[\"x\"]",
            "{}", "{\"k\":\"v\"}");
    private static final List<String> WRONG_OBJECT = List.of("\"x\"", "\"\"", "42", "true", "false", "[]", "[{}]", "3.5",
            "\"{}\"");
    private static final List<String> WRONG_ARRAY = List.of("\"x\"", "\"\"", "{}", "{\"contentType\":\"image/png\"}", "42",
            "true", "\"[]\"");
    private static final List<String> WRONG_BOOLEAN = List.of("\"true\"", "\"false\"", "\"yes\"", "\"\"", "1", "0", "1.0",
            "[]", "[true]", "{}");
    private static final List<String> WRONG_SCALAR = List.of("[]", "[1]", "[\"a\",\"b\"]", "{}", "{\"value\":\"x\"}",
            "{\"isDisplayable\":true,\"value\":1}");
    private static final List<String> WRONG_MESSAGE_ID = List.of("\"123\"", "\"\"", "\"abcdefghijklm\"", "\"17453232001234\"",
            "\"174532320012\"", "\" 1745323200123\"", "\"1745323200123 \"", "\"-745323200123\"",
            "\"\\uFF11\\uFF17\\uFF14\\uFF15\\uFF13\\uFF12\\uFF13\\uFF12\\uFF10\\uFF10\\uFF11\\uFF12\\uFF13\"",
            "1745323200123", "\"1745323200123\\n\"", "\"0x1973A5B2F3B\"");
    private static final List<String> HUGE = List.of("1e400", "-1e400", "1E+400", "12345678901234567890",
            "-12345678901234567890", "123456789012345678901234567890", "1e-400", "99999999999999999999.5");

    private final ValidRequests valid;
    private final Target target;
    private final Random random;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<BadCase> cases = new ArrayList<>();

    private BadInputCorpus(ValidRequests valid, Target target) {
        this.valid = valid;
        this.target = target;
        this.random = valid.random();
        headers.put("Authorization", "Bearer " + TestServer.DEV.token());
        headers.put("channel-id", TestServer.DEV.channelId());
        headers.put("organization-id", TestServer.DEV.organizationId());
        headers.put("Content-Type", "application/json");
    }

    /** All cases, asserted and disputed, in a fixed order for the seed. */
    static List<BadCase> generate(long seed, Target target, List<String> customerIds, List<String> requestIds) {
        ValidRequests valid = new ValidRequests(new Random(seed), TestServer.DEV.channelId(), customerIds, requestIds)
                .readingMessage(target.representativeMessageId());
        BadInputCorpus corpus = new BadInputCorpus(valid, target);
        corpus.authentication();
        corpus.malformedHeaders();
        corpus.contentTypes();
        corpus.pathIds();
        corpus.unknownConversations();
        corpus.invalidJson();
        corpus.invalidUtf8();
        corpus.wrongTypes();
        corpus.hugeNumbers();
        corpus.overLongStrings();
        corpus.missingRequired();
        corpus.unknownTypes();
        corpus.nulls();
        corpus.deepNesting();
        corpus.duplicateKeys();
        corpus.tooManyContextVariables();
        corpus.channelIdMismatches();
        corpus.conversationIdMismatches();
        corpus.unsupportedEvents();
        corpus.blankMessages();
        return corpus.cases;
    }

    // ------------------------------------------------------------------------------------------------ requests

    private WireRequest sendRequest(String conversationId, byte[] body) {
        return new WireRequest("POST", SEND_PREFIX + conversationId, headers, body);
    }

    private WireRequest send(byte[] body) {
        return sendRequest(target.conversationId(), body);
    }

    private WireRequest create(byte[] body) {
        return new WireRequest("POST", CREATE_PATH, headers, body);
    }

    private ObjectNode activity(Kind kind) {
        return valid.activity(kind, target.conversationId());
    }

    private ObjectNode activity() {
        return activity(valid.anyKind());
    }

    /** A random valid request of either endpoint. */
    private WireRequest anyValidRequest() {
        return valid.chance(0.65) ? send(Json.bytes(activity())) : create(Json.bytes(valid.create(true)));
    }

    private void add(String category, String rule, WireRequest request, int status, int errorCode) {
        cases.add(new BadCase(category, rule, request, status, errorCode, null, null));
    }

    private void dispute(String category, String rule, WireRequest request, int status, int errorCode, String why) {
        cases.add(new BadCase(category, rule, request, status, errorCode, why, null));
    }

    /** A break of the schema or of a rule: the body must still be well-formed JSON in valid UTF-8. */
    private void schema(String category, String rule, WireRequest request, int errorCode) {
        schema(category, rule, request, errorCode, null);
    }

    /** {@link #schema(String, String, WireRequest, int)} of a rule that is a project choice, not documented. */
    private void schema(String category, String rule, WireRequest request, int errorCode, String projectChoice) {
        requireWellFormed(rule, request.body(), true);
        cases.add(new BadCase(category, rule, request, 400, errorCode, null, projectChoice));
    }

    /** A break of the JSON syntax: the body must not be well-formed JSON. */
    private void syntax(String category, String rule, WireRequest request) {
        requireWellFormed(rule, request.body(), false);
        add(category, rule, request, 400, MALFORMED);
    }

    private static void requireWellFormed(String rule, byte[] body, boolean expected) {
        if (Json.wellFormed(body) != expected || (expected && !Json.validUtf8(body))) {
            throw new IllegalStateException("generator bug: " + rule + " should " + (expected ? "" : "not ")
                    + "be well-formed JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Renders {@code root} with the member at {@code path} replaced by raw JSON text (which may be invalid). */
    private static String withRaw(ObjectNode root, String path, String raw) {
        String marker = "@@RAW-" + Integer.toHexString(raw.hashCode()) + "@@";
        ObjectNode copy = root.deepCopy();
        Json.set(copy, path, Json.NODES.textNode(marker));
        String text = Json.text(copy);
        int at = text.indexOf(Json.quote(marker));
        return text.substring(0, at) + raw + text.substring(at + marker.length() + 2);
    }

    /** Makes sure the parents of {@code path} hold their required members, and resolves {@code $VAR}. */
    private String prepare(ObjectNode base, String path) {
        if (path.startsWith("startmessage.") && !base.has("startmessage")) {
            base.putObject("startmessage").put("message", valid.string(1, 50));
        }
        if (path.startsWith("conversationcontext.")) {
            JsonNode context = base.get("conversationcontext");
            if (context == null || context.isEmpty()) {
                base.putObject("conversationcontext").set("v1", valid.contextVariable());
            }
            String name = base.get("conversationcontext").fieldNames().next();
            return path.replace("$VAR", name);
        }
        if (path.startsWith("conversation.") && !path.equals("conversation.id") && !base.has("conversation")) {
            base.putObject("conversation").put("id", target.conversationId());
        }
        return path;
    }

    private ObjectNode baseFor(Kind kind) {
        return kind == null ? valid.create(true) : activity(kind);
    }

    private WireRequest requestFor(Kind kind, byte[] body) {
        return kind == null ? create(body) : send(body);
    }

    private static String label(Kind kind) {
        return kind == null ? "CREATE" : kind.name();
    }

    /** Every (kind, field) pair; kind null stands for the create request. */
    private static List<Map.Entry<Kind, Field>> allFields() {
        List<Map.Entry<Kind, Field>> all = new ArrayList<>();
        FIELDS.forEach((kind, fields) -> fields.forEach(field -> all.add(Map.entry(kind, field))));
        CREATE_FIELDS.forEach(field -> all.add(new java.util.AbstractMap.SimpleEntry<>(null, field)));
        return all;
    }

    private <T> List<T> sample(List<T> values, int count) {
        List<T> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(count, copy.size()));
    }

    private static String noDashes(String guid) {
        return guid.replace("-", "");
    }

    // ------------------------------------------------------------------------------------------- the breaks

    /** Token missing, wrong, or for another channel; well-formed ids of a channel the token may not use: 401. */
    private void authentication() {
        String token = TestServer.DEV.token();
        List<String> authorizations = new ArrayList<>(java.util.Arrays.asList(null, "Basic ZGV2OmRldg==", "Bearer",
                "Bearer wrong", "Bearer " + token + "x", "Bearer " + token.toUpperCase(Locale.ROOT), "Token " + token,
                "Bearer " + TestServer.OTHER.token(), token, "Bearer " + token.substring(1), "Bearer null",
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Digest username=\"dev\"", "Bearer\t" + token + "\u00e9"));
        for (String authorization : authorizations) {
            add("auth", "Authorization: " + authorization, anyValidRequest().withHeader("Authorization", authorization),
                    401, NONE);
        }
        String[][] ids = {
            {"channel-id", TestServer.OTHER.channelId()},
            {"channel-id", valid.guid()},
            {"channel-id", valid.guid().toUpperCase(Locale.ROOT)},
            {"organization-id", TestServer.OTHER.organizationId()},
            {"organization-id", valid.guid()},
            {"organization-id", TestServer.DEV.channelId()},
        };
        for (String[] header : ids) {
            add("auth", header[0] + " of a channel the token may not use: " + header[1],
                    anyValidRequest().withHeader(header[0], header[1]), 401, NONE);
        }
    }

    /** Missing or malformed channel-id (30002) and organization-id (30001) headers. */
    private void malformedHeaders() {
        String[][] headerCodes = {{"channel-id", "30002"}, {"organization-id", "30001"}};
        for (String[] header : headerCodes) {
            String good = headers.get(header[0]);
            List<String> values = java.util.Arrays.asList(null, "", "abc", "0", noDashes(good), "{" + good + "}",
                    "urn:uuid:" + good, good + "0", good.substring(1), good.substring(0, 35) + "g",
                    good.replace('-', '_'), good + "," + good, "null", "undefined", good.substring(0, 9) + "-" + good.substring(9),
                    "(" + good + ")", "00000000-0000-0000-0000-00000000000");
            for (String value : values) {
                add("header", header[0] + ": " + value, anyValidRequest().withHeader(header[0], value), 400,
                        Integer.parseInt(header[1]));
            }
        }
    }

    /** A body that is not application/json: 30012 ("request body missing or malformed"). */
    private void contentTypes() {
        List<String> types = java.util.Arrays.asList(null, "text/plain", "text/json", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
                "application/problem+json", "application/vnd.api+json", "*/*", "application/*", "text/plain; charset=utf-8",
                "application/json-patch+json", "application/jsonx", "text/html");
        for (String type : types) {
            add("content-type", "Content-Type: " + type, send(Json.bytes(activity())).withHeader("Content-Type", type),
                    400, MALFORMED);
            add("content-type", "Content-Type: " + type,
                    create(Json.bytes(valid.create(true))).withHeader("Content-Type", type), 400, MALFORMED);
        }
        for (String type : List.of("garbage", "application/", "json", "a/b/c", "application/json; x",
                "application/json, text/plain", ";")) {
            dispute("content-type", "Content-Type: " + type, send(Json.bytes(activity())).withHeader("Content-Type", type),
                    400, MALFORMED, CONTENT_TYPE_DISPUTE);
            dispute("content-type", "Content-Type: " + type,
                    create(Json.bytes(valid.create(true))).withHeader("Content-Type", type), 400, MALFORMED,
                    CONTENT_TYPE_DISPUTE);
        }
    }

    /** A malformed conversation id in the path: 30005. */
    private void pathIds() {
        String id = target.conversationId();
        List<String> ids = List.of("not-a-guid", "12345", noDashes(id), "%7B" + id + "%7D", id + "x", id.substring(1),
                id.substring(0, 35), "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "%20", id + "%20", "%20" + id, "a%2Fb", "..",
                "%00", "create2", "CREATE", id.replace('-', '_'), "00000000-0000-0000-0000-00000000000g", "null",
                "undefined", "%C3%A9", id + "%0A", "urn:uuid:" + id, id + "-0000", "-", "0");
        for (String path : ids) {
            add("path-id", "conversationId " + path, sendRequest(path, Json.bytes(activity())), 400, CONVERSATION);
        }
    }

    /** Unknown, closed, or other channel's conversation: 404 / 30013. */
    private void unknownConversations() {
        for (int i = 0; i < 6; i++) {
            String unknown = i % 4 == 3 ? valid.guid().toUpperCase(Locale.ROOT) : valid.guid();
            add("not-found", "unknown conversation", sendRequest(unknown,
                    Json.bytes(valid.activity(valid.anyKind(), unknown))), 404, NOT_FOUND);
        }
        for (Kind kind : Kind.values()) {
            add("not-found", "closed conversation, " + kind, sendRequest(target.closedConversationId(),
                    Json.bytes(valid.activity(kind, target.closedConversationId()))), 404, NOT_FOUND);
        }
        for (int i = 0; i < 4; i++) {
            add("not-found", "other channel's conversation", sendRequest(target.otherChannelConversationId(),
                    Json.bytes(valid.activity(valid.anyKind(), target.otherChannelConversationId()))), 404, NOT_FOUND);
        }
    }

    /** Broken JSON syntax, and well-formed JSON that is not an object: 30012. */
    private void invalidJson() {
        // truncation
        for (int i = 0; i < 24; i++) {
            boolean isCreate = i % 3 == 2;
            String text = Json.text(isCreate ? valid.create(true) : activity());
            int cut = 1 + random.nextInt(text.length() - 1);
            WireRequest request = isCreate ? create(WireRequest.utf8(text.substring(0, cut)))
                    : send(WireRequest.utf8(text.substring(0, cut)));
            syntax("json-syntax", "truncated at " + cut + "/" + text.length(), request);
        }
        // a stray token at a structural position
        List<String> stray = List.of(",", ":", "}", "]", "{", "[", "x", "'", "#", "=", ";", "@", "\\", "/", "*", "<", ")",
                "(", "null", "\"", "true");
        for (int i = 0; i < 24; i++) {
            boolean isCreate = i % 3 == 2;
            String text = Json.text(isCreate ? valid.create(true) : activity());
            List<Integer> positions = positions(text, false);
            int at = positions.get(random.nextInt(positions.size()));
            String token = valid.pick(stray);
            String broken = text.substring(0, at) + token + text.substring(at);
            if (Json.wellFormed(WireRequest.utf8(broken))) {
                continue; // e.g. `"` before a value can close an empty key: rare, not a break
            }
            syntax("json-syntax", "stray " + token + " at " + at, isCreate ? create(WireRequest.utf8(broken))
                    : send(WireRequest.utf8(broken)));
        }
        // trailing garbage
        List<String> trailing = List.of(" x", "{}", "]", "}", ",", " null", " 1", "\"s\"",
                "\n{\"type\":\"message\",\"text\":\"again\"}", ";", "//", "/* */", "\u0000", "\r\n}", "x", " true", "[",
                "\u001a", "\n\n--boundary--");
        for (String garbage : trailing) {
            syntax("json-syntax", "trailing " + printable(garbage), send(WireRequest.utf8(Json.text(activity()) + garbage)));
            if (random.nextInt(3) == 0) {
                syntax("json-syntax", "trailing " + printable(garbage),
                        create(WireRequest.utf8(Json.text(valid.create(true)) + garbage)));
            }
        }
        // leading garbage
        for (String garbage : List.of("x", ",", "]", ")]}'\n", "\u0000", "//c\n", "/**/", "{", "'", "\u00a0")) {
            syntax("json-syntax", "leading " + printable(garbage), valid.chance(0.7)
                    ? send(WireRequest.utf8(garbage + Json.text(activity())))
                    : create(WireRequest.utf8(garbage + Json.text(valid.create(true)))));
        }
        // well-formed JSON, but not an object
        String activityText = Json.text(activity());
        List<String> notObjects = List.of("[]", "[" + activityText + "]", "\"message\"", "1", "-1", "true", "false", "null",
                "0.5", "\"\"", "[null]", "[{}]", Json.quote(activityText));
        for (String body : notObjects) {
            schema("not-an-object", "top-level " + abbreviate(body), send(WireRequest.utf8(body)), MALFORMED);
            if (!body.equals("[{}]") && random.nextBoolean()) {
                schema("not-an-object", "top-level " + abbreviate(body), create(WireRequest.utf8(body)), MALFORMED);
            }
        }
        // an empty body
        for (String body : List.of("", " ", "\n", "\t\r\n ")) {
            syntax("json-syntax", "empty body " + printable(body), send(WireRequest.utf8(body)));
            syntax("json-syntax", "empty body " + printable(body), create(WireRequest.utf8(body)));
        }
        // raw control characters inside strings
        for (int i = 0; i < 10; i++) {
            boolean isCreate = i % 4 == 3;
            ObjectNode base = isCreate ? valid.create(true) : activity();
            if (isCreate && base.isEmpty()) {
                base.putObject("startmessage").put("message", valid.string(1, 30));
            }
            String text = Json.text(base);
            List<Integer> inside = positions(text, true);
            int at = inside.get(random.nextInt(inside.size()));
            char control = (char) random.nextInt(0x20);
            String broken = text.substring(0, at) + control + text.substring(at);
            syntax("json-syntax", "raw U+" + String.format("%04X", (int) control) + " in a string",
                    isCreate ? create(WireRequest.utf8(broken)) : send(WireRequest.utf8(broken)));
        }
        // invalid escapes, inserted right after the opening quote of a string
        List<String> escapes = List.of("\\x41", "\\u12-", "\\u12G4", "\\q", "\\'", "\\a", "\\0", "\\U0041", "\\uZZZZ", "\\ ",
                "\\\n");
        for (String escape : escapes) {
            String text = Json.text(activity());
            List<Integer> openings = stringOpenings(text);
            int at = openings.get(random.nextInt(openings.size()));
            String broken = text.substring(0, at) + escape + text.substring(at);
            syntax("json-syntax", "invalid escape " + printable(escape), send(WireRequest.utf8(broken)));
        }
        // literals and numbers JSON does not have, as the value of a known or an unknown member
        List<String> literals = List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x1F", "1e", "-", "True",
                "FALSE", "nul", "undefined", "None", "'single'", "1_000", "--1", "0.1.2", "\"a\" \"b\"");
        for (String literal : literals) {
            ObjectNode base = activity();
            String path = valid.chance(0.5) ? "zzUnknown" : valid.pick(FIELDS.get(kindOf(base))).path();
            syntax("json-syntax", path + " = " + literal, send(WireRequest.utf8(withRaw(base, prepare(base, path), literal))));
        }
        for (int i = 0; i < 3; i++) {
            ObjectNode base = valid.create(true);
            String literal = valid.pick(literals);
            syntax("json-syntax", "zzUnknown = " + literal, create(WireRequest.utf8(withRaw(base, "zzUnknown", literal))));
        }
        // JavaScript, not JSON: unquoted or single-quoted names, comments
        for (int i = 0; i < 2; i++) {
            String text = Json.text(activity());
            syntax("json-syntax", "unquoted name", send(WireRequest.utf8(text.replaceFirst("\"type\"", "type"))));
            syntax("json-syntax", "single quotes", send(WireRequest.utf8(text.replaceFirst("\"type\":\"([a-zA-Z]+)\"",
                    "'type':'$1'"))));
            syntax("json-syntax", "block comment", send(WireRequest.utf8("{/* c */" + text.substring(1))));
            syntax("json-syntax", "line comment", send(WireRequest.utf8("{// c\n" + text.substring(1))));
        }
    }

    /** Bytes that are not UTF-8, spliced into a string of an otherwise valid body: 30012. */
    private void invalidUtf8() {
        List<String> rejected = List.of("FF", "FE", "80", "BF", "C328", "E28228", "E228A1", "F09F98", "F888808080",
                "FC8480808080", "C3", "E282", "A0A1", "F0288C28");
        List<String> lenient = List.of("C0AF", "C1BF", "E080AF", "F08080AF", "C080", "EDA080", "EDBFBF", "EDA0BDEDB880",
                "F4908080", "F5808080");
        String[][] sendPlaces = {
            {"MESSAGE", "text"}, {"MESSAGE", "from.name"}, {"TYPING", "zzUnknown"}, {"MESSAGE", "channelData.messagingapi-oc.type"},
            {"CUSTOM_EVENT", "name"}, {"CUSTOM_EVENT", "channelData.customEventValue"}, {"MESSAGE", "attachments.0.name"},
            {"END_OF_CONVERSATION", "code"}, {"READ_EVENT", "from.id"}, {"MESSAGE", "KEY"}};
        String[] createPlaces = {"customercontext.customerid", "customercontext.firstname", "conversationrequestid",
            "startmessage.message", "conversationcontext.$VAR.value", "zzUnknown", "KEY", "VARNAME"};
        List<Map.Entry<String, String>> places = new ArrayList<>();
        for (String[] place : sendPlaces) {
            places.add(Map.entry(place[0], place[1]));
        }
        for (String place : createPlaces) {
            places.add(Map.entry("CREATE", place));
        }
        for (Map.Entry<String, String> place : places) {
            for (String bytes : sample(rejected, 2)) {
                WireRequest request = utf8Case(place.getKey(), place.getValue(), bytes);
                add("invalid-utf8", place.getKey() + " " + place.getValue() + " with bytes " + bytes, request, 400, MALFORMED);
            }
            for (String bytes : sample(lenient, 1)) {
                WireRequest request = utf8Case(place.getKey(), place.getValue(), bytes);
                dispute("invalid-utf8", place.getKey() + " " + place.getValue() + " with bytes " + bytes, request, 400,
                        MALFORMED, UTF8_DISPUTE);
            }
        }
    }

    private WireRequest utf8Case(String kind, String place, String hex) {
        String marker = "MARKER" + random.nextInt(1_000_000);
        ObjectNode base;
        if (kind.equals("CREATE")) {
            base = valid.create(true);
            switch (place) {
                case "KEY" -> base.put(marker, "x");
                case "VARNAME" -> base.putObject("conversationcontext").set(marker, valid.contextVariable());
                case "conversationcontext.$VAR.value" -> base.putObject("conversationcontext").putObject("v1")
                        .put("value", marker);
                default -> Json.set(base, prepare(base, place), Json.NODES.textNode("a" + marker + "z"));
            }
        } else {
            base = activity(Kind.valueOf(kind));
            if (place.equals("KEY")) {
                base.put(marker, "x");
            } else if (place.equals("channelData.customEventValue")) {
                ((ObjectNode) base.get("channelData")).put("customEventValue", "{\"v\":\"a" + marker + "z\"}");
            } else {
                Json.set(base, prepare(base, place), Json.NODES.textNode("a" + marker + "z"));
            }
        }
        String text = Json.text(base);
        int at = text.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WireRequest.utf8(text.substring(0, at)));
        out.writeBytes(HexFormat.of().parseHex(hex));
        out.writeBytes(WireRequest.utf8(text.substring(at + marker.length())));
        byte[] body = out.toByteArray();
        if (Json.validUtf8(body)) {
            throw new IllegalStateException("generator bug: valid UTF-8 " + hex);
        }
        return kind.equals("CREATE") ? create(body) : send(body);
    }

    /** A JSON value of the wrong type for each member: 30012. */
    private void wrongTypes() {
        for (Map.Entry<Kind, Field> entry : allFields()) {
            Field field = entry.getValue();
            List<String> pool = switch (field.type()) {
                case STRING -> WRONG_STRING;
                case OBJECT -> WRONG_OBJECT;
                case ARRAY -> WRONG_ARRAY;
                case BOOLEAN -> WRONG_BOOLEAN;
                case SCALAR -> WRONG_SCALAR;
                case MESSAGE_ID -> WRONG_MESSAGE_ID;
            };
            for (String value : sample(pool, field.type() == JType.MESSAGE_ID ? 4 : 2)) {
                ObjectNode base = baseFor(entry.getKey());
                String path = prepare(base, field.path());
                schema("wrong-type", label(entry.getKey()) + " " + path + " = " + value,
                        requestFor(entry.getKey(), WireRequest.utf8(withRaw(base, path, value))), MALFORMED);
            }
        }
    }

    /** Numbers beyond double and long where strings and booleans belong: 30012. */
    private void hugeNumbers() {
        for (Map.Entry<Kind, Field> entry : allFields()) {
            JType type = entry.getValue().type();
            if (type != JType.STRING && type != JType.BOOLEAN && type != JType.MESSAGE_ID) {
                continue;
            }
            for (String number : sample(HUGE, 1)) {
                ObjectNode base = baseFor(entry.getKey());
                String path = prepare(base, entry.getValue().path());
                schema("huge-number", label(entry.getKey()) + " " + path + " = " + number,
                        requestFor(entry.getKey(), WireRequest.utf8(withRaw(base, path, number))), MALFORMED);
            }
        }
    }

    /** Strings one and more characters over their documented maximum: 30012, or 30011 for text. */
    private void overLongStrings() {
        for (Map.Entry<Kind, Field> entry : allFields()) {
            Field field = entry.getValue();
            if (field.max() == 0 || field.path().equals("type")) {
                continue;
            }
            int code = field.code();
            List<Integer> lengths = new ArrayList<>(List.of(field.max() + 1));
            lengths.add(valid.pick(List.of(field.max() + 2, field.max() + 1 + random.nextInt(100), field.max() * 2,
                    field.max() * 4 + 3)));
            for (int length : lengths) {
                ObjectNode base = baseFor(entry.getKey());
                String path = prepare(base, field.path());
                Json.set(base, path, Json.NODES.textNode(valid.bmp(length)));
                schema("too-long", label(entry.getKey()) + " " + path + " of " + length + " characters",
                        requestFor(entry.getKey(), Json.bytes(base)), code,
                        field.maxIsProjectChoice() ? "at most " + field.max() + " characters" : null);
            }
        }
        // text: more lengths and shapes, with and without attachments
        int textMax = ValidRequests.TEXT_MAX;
        for (int length : List.of(textMax + 1, textMax + 2, textMax + 100, textMax + 1000, textMax * 2, textMax * 10)) {
            ObjectNode base = activity(Kind.MESSAGE);
            base.put("text", valid.chance(0.5) ? valid.bmp(length) : "é".repeat(length));
            schema("too-long", "MESSAGE text of " + length + " characters", send(Json.bytes(base)), TEXT_TOO_LONG);
        }
        ObjectNode withAttachment = activity(Kind.MESSAGE);
        withAttachment.put("text", valid.bmp(textMax + 1));
        withAttachment.putArray("attachments").add(valid.attachment());
        schema("too-long", "MESSAGE text of " + (textMax + 1) + " characters with an attachment",
                send(Json.bytes(withAttachment)), TEXT_TOO_LONG);
        // disputed: emoji count once per code point in JSON Schema, twice in UTF-16
        for (Map.Entry<Kind, Field> entry : allFields()) {
            Field field = entry.getValue();
            if (field.max() == 0 || field.path().equals("type") || field.max() > textMax || random.nextInt(3) != 0) {
                continue;
            }
            ObjectNode base = baseFor(entry.getKey());
            String path = prepare(base, field.path());
            Json.set(base, path, Json.NODES.textNode("\uD83D\uDE00".repeat(field.max() / 2 + 1)));
            dispute("too-long", label(entry.getKey()) + " " + path + " of " + (field.max() / 2 + 1) + " emoji",
                    requestFor(entry.getKey(), Json.bytes(base)), 200, NONE, UTF16_DISPUTE);
        }
    }

    /** Required members missing: type, event name, conversation.id, startmessage.message, a variable's value. */
    private void missingRequired() {
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < 2; i++) {
                ObjectNode base = activity(kind);
                base.remove("type");
                schema("missing-required", kind + " without type", send(Json.bytes(base)), MALFORMED);
            }
            for (String conversation : List.of("{}", "{\"name\":\"x\"}", "{\"ID\":\"" + target.conversationId() + "\"}")) {
                ObjectNode base = activity(kind);
                schema("missing-required", kind + " conversation " + conversation,
                        send(WireRequest.utf8(withRaw(base, "conversation", conversation))), MALFORMED);
            }
        }
        for (Kind kind : List.of(Kind.READ_EVENT, Kind.CUSTOM_EVENT)) {
            for (int i = 0; i < 2; i++) {
                ObjectNode base = activity(kind);
                base.remove("name");
                schema("missing-required", kind + " without name", send(Json.bytes(base)), MALFORMED);
            }
        }
        for (String start : List.of("{}", "{\"displayname\":\"John\"}", "{\"Message\":\"hi\"}")) {
            for (int i = 0; i < 1; i++) {
                ObjectNode base = valid.create(true);
                schema("missing-required", "startmessage " + start,
                        create(WireRequest.utf8(withRaw(base, "startmessage", start))), MALFORMED);
            }
        }
        for (String variable : List.of("{}", "{\"isDisplayable\":true}", "{\"Value\":\"x\"}")) {
            for (int i = 0; i < 1; i++) {
                ObjectNode base = valid.create(true);
                String path = prepare(base, "conversationcontext.$VAR");
                schema("missing-required", "context variable " + variable,
                        create(WireRequest.utf8(withRaw(base, path, variable))), MALFORMED);
            }
        }
        for (int i = 0; i < 3; i++) {
            schema("missing-required", "empty object", send(WireRequest.utf8(i == 0 ? "{}" : "{\"text\":\"hi\"}")),
                    MALFORMED);
        }
    }

    /** A type the API does not support: 30012. */
    private void unknownTypes() {
        List<String> types = List.of("Message", "MESSAGE", "messages", "", " message", "message ", "Typing", "EVENT",
                "endofconversation", "EndOfConversation", "end_of_conversation", "invoke", "conversationUpdate", "trace",
                "contactRelationUpdate", "installationUpdate", "handoff", "delay", "suggestion", "null", "undefined",
                "message\u0000", "méssage", "\uFF4Dessage", "deleteUserData", "messageReaction", "command");
        for (String type : types) {
            ObjectNode base = activity();
            base.put("type", type);
            schema("unknown-type", "type " + printable(type), send(Json.bytes(base)), MALFORMED);
        }
    }

    /** null for each member: 30012 by the document; see the class comment for the disputed ones. */
    private void nulls() {
        for (Map.Entry<Kind, Field> entry : allFields()) {
            ObjectNode base = baseFor(entry.getKey());
            String path = prepare(base, entry.getValue().path());
            Json.set(base, path, Json.NODES.nullNode());
            WireRequest request = requestFor(entry.getKey(), Json.bytes(base));
            String rule = label(entry.getKey()) + " " + path + " = null";
            if (entry.getValue().required()) {
                schema("null", rule, request, MALFORMED);
            } else {
                requireWellFormed(rule, request.body(), true);
                dispute("null", rule, request, 400, MALFORMED, NULL_DISPUTE);
            }
        }
    }

    /** Thousands of nested arrays or objects in members the server ignores or reads: 30012. */
    private void deepNesting() {
        String[][] places = {
            {"MESSAGE", "zzDeep"}, {"MESSAGE", "channelData.zzDeep"}, {"MESSAGE", "from.zzDeep"},
            {"MESSAGE", "attachments.0.zzDeep"}, {"TYPING", "conversation.zzDeep"}, {"TYPING", "zzDeep"},
            {"END_OF_CONVERSATION", "zzDeep"}, {"READ_EVENT", "value.zzDeep"}, {"CUSTOM_EVENT", "channelData.zzDeep"},
            {"CUSTOM_EVENT", "channelData.customEventValue"}, {"MESSAGE", "text"}, {"CUSTOM_EVENT", "name"},
            {"CREATE", "zzDeep"}, {"CREATE", "customercontext.zzDeep"}, {"CREATE", "startmessage.zzDeep"},
            {"CREATE", "conversationcontext.$VAR.zzDeep"}, {"CREATE", "conversationcontext.$VAR.value"},
            {"CREATE", "conversationcontext"}};
        for (String[] place : places) {
            for (int depth : random.nextInt(3) == 0 ? List.of(5000, valid.pick(List.of(1500, 2500, 10000))) : List.of(5000)) {
                String shape = valid.pick(List.of("arrays", "objects", "mixed"));
                Kind kind = place[0].equals("CREATE") ? null : Kind.valueOf(place[0]);
                ObjectNode base = baseFor(kind);
                String path = prepare(base, place[1]);
                String rule = label(kind) + " " + path + ": " + depth + " nested " + shape;
                if (place[1].equals("channelData.customEventValue")) {
                    ((ObjectNode) base.get("channelData")).put("customEventValue", "{\"v\":" + nested(depth, shape) + "}");
                    schema("deep-nesting", rule + " in the JSON string", send(Json.bytes(base)), MALFORMED,
                            "customEventValue must be a JSON-encoded object");
                } else {
                    schema("deep-nesting", rule, requestFor(kind, WireRequest.utf8(withRaw(base, path, nested(depth, shape)))),
                            MALFORMED);
                }
            }
        }
    }

    private static String nested(int depth, String shape) {
        StringBuilder out = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            boolean array = shape.equals("arrays") || (shape.equals("mixed") && i % 2 == 0);
            out.append(array ? "[" : "{\"a\":");
        }
        out.append("1");
        for (int i = depth - 1; i >= 0; i--) {
            boolean array = shape.equals("arrays") || (shape.equals("mixed") && i % 2 == 0);
            out.append(array ? "]" : "}");
        }
        return out.toString();
    }

    /** A member name twice in one object: 30012. */
    private void duplicateKeys() {
        for (int i = 0; i < 32; i++) {
            boolean isCreate = i % 4 == 3;
            ObjectNode base = isCreate ? valid.create(true) : activity();
            if (isCreate && base.isEmpty()) {
                base.put("skipdeflectionbot", true);
            }
            if (!isCreate && random.nextInt(5) == 0) {
                base.putObject("zzUnknown").put("a", 1).put("b", "x");
            }
            List<String> objects = objectPaths(base, "");
            String objectPath = valid.pick(objects);
            JsonNode object = objectPath.isEmpty() ? base : Json.get(base, objectPath);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = valid.pick(names);
            JsonNode value = object.get(name);
            JsonNode duplicate = valid.chance(0.5) ? value : otherValue(value);
            String body = Json.withDuplicateKey(base, objectPath, name, duplicate);
            String rule = "duplicate " + (objectPath.isEmpty() ? "" : objectPath + ".") + name
                    + (duplicate.equals(value) ? " (same value)" : " (other value)");
            schema("duplicate-key", rule, isCreate ? create(WireRequest.utf8(body)) : send(WireRequest.utf8(body)), MALFORMED);
        }
        for (int i = 0; i < 4; i++) {
            ObjectNode base = activity(Kind.CUSTOM_EVENT);
            ((ObjectNode) base.get("channelData")).put("customEventValue",
                    i % 2 == 0 ? "{\"a\":1,\"a\":2}" : "{\"v\":{\"isDisplayable\":true,\"value\":\"x\",\"value\":\"y\"}}");
            schema("duplicate-key", "duplicate inside channelData.customEventValue #" + i, send(Json.bytes(base)), MALFORMED,
                    "customEventValue must be a JSON-encoded object");
        }
    }

    private static List<String> objectPaths(JsonNode node, String path) {
        List<String> paths = new ArrayList<>();
        if (node.isObject() && !node.isEmpty()) {
            paths.add(path);
        }
        if (node.isContainerNode()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    paths.addAll(objectPaths(node.get(i), path.isEmpty() ? "" + i : path + "." + i));
                }
            }
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                paths.addAll(objectPaths(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
            }
        }
        return paths;
    }

    private JsonNode otherValue(JsonNode value) {
        if (value.isTextual()) {
            return Json.NODES.textNode(value.asText().equals("x") ? "y" : "x");
        }
        if (value.isBoolean()) {
            return Json.NODES.booleanNode(!value.asBoolean());
        }
        if (value.isNumber()) {
            return Json.NODES.numberNode(value.asDouble() + 1);
        }
        return value;
    }

    /** More conversation context variables than the document allows: 30010. */
    private void tooManyContextVariables() {
        int max = ValidRequests.CONTEXT_MAX;
        for (int count : List.of(max + 1, max + 1, max + 2, max + 50, max + 150, max * 10, max + 1, max * 20)) {
            ObjectNode base = valid.create(true);
            ObjectNode context = base.putObject("conversationcontext");
            for (int i = 0; i < count; i++) {
                context.set("var" + i + "_" + random.nextInt(10_000), valid.contextVariable());
            }
            schema("too-many-variables", count + " context variables", create(Json.bytes(base)), TOO_MANY_VARIABLES);
        }
    }

    /** A body channelId other than the channel-id header: 30002. */
    private void channelIdMismatches() {
        String dev = TestServer.DEV.channelId();
        List<String> values = List.of(TestServer.OTHER.channelId(), valid.guid(), valid.guid(), "", "x", "MessagingApi",
                dev.substring(0, 35) + "2", noDashes(dev), "{" + dev + "}", dev + " ", " " + dev, "urn:uuid:" + dev,
                dev + "\u0000", dev.replace('-', '\u2010'), TestServer.DEV.organizationId(), "null");
        for (String value : values) {
            ObjectNode base = activity();
            base.put("channelId", value);
            schema("channel-mismatch", kindOf(base) + " channelId " + printable(value), send(Json.bytes(base)), CHANNEL);
        }
    }

    /** A body conversation.id other than the path's: 30005. */
    private void conversationIdMismatches() {
        String id = target.conversationId();
        List<String> values = List.of(valid.guid(), valid.guid(), target.closedConversationId(),
                target.otherChannelConversationId(), "", "x", noDashes(id), id + " ", " " + id, "{" + id + "}",
                id.substring(0, 35) + (id.endsWith("0") ? "1" : "0"), "urn:uuid:" + id, "null", id + id);
        for (String value : values) {
            ObjectNode base = activity();
            Json.set(base, "conversation.id", Json.NODES.textNode(value));
            schema("conversation-mismatch", kindOf(base) + " conversation.id " + printable(value),
                    send(Json.bytes(base)), CONVERSATION, "the body's conversation.id must be the path's");
        }
    }

    /** Events that are neither MessageRead with value.messageId nor custom events: 30003. */
    private void unsupportedEvents() {
        for (int i = 0; i < 3; i++) {
            ObjectNode base = activity(Kind.CUSTOM_EVENT);
            base.remove("channelData");
            schema("unsupported-event", "custom event without channelData", send(Json.bytes(base)), UNSUPPORTED);
            base = activity(Kind.CUSTOM_EVENT);
            ((ObjectNode) base.get("channelData")).put("customEvent", false);
            schema("unsupported-event", "customEvent false", send(Json.bytes(base)), UNSUPPORTED);
            base = activity(Kind.CUSTOM_EVENT);
            ((ObjectNode) base.get("channelData")).remove("customEvent");
            schema("unsupported-event", "channelData without customEvent", send(Json.bytes(base)), UNSUPPORTED);
        }
        for (String name : List.of("messageread", "MESSAGEREAD", "MessageRead ", " MessageRead", "Message Read", "Read",
                "Typing", "AgentAccepted", "ConversationClose", "CustomerDisconnected", "TestEvent", "messageRead")) {
            ObjectNode base = activity(Kind.READ_EVENT);
            base.put("name", name);
            if (valid.chance(0.5)) {
                base.putObject("channelData").put("customEventName", name);
            }
            schema("unsupported-event", "event '" + name + "' without customEvent", send(Json.bytes(base)), UNSUPPORTED);
        }
        for (String value : List.of("{}", "{\"other\":\"x\"}", "{\"MessageId\":\"1745323200123\"}",
                "{\"messageid\":\"1745323200123\"}")) {
            for (int i = 0; i < 2; i++) {
                ObjectNode base = activity(Kind.READ_EVENT);
                if (i == 1) {
                    base.putObject("channelData").put("customEvent", true);
                }
                schema("unsupported-event", "MessageRead value " + value + (i == 1 ? " with customEvent" : ""),
                        send(WireRequest.utf8(withRaw(base, "value", value))), UNSUPPORTED);
            }
        }
        for (int i = 0; i < 3; i++) {
            ObjectNode base = activity(Kind.READ_EVENT);
            base.remove("value");
            schema("unsupported-event", "MessageRead without value", send(Json.bytes(base)), UNSUPPORTED);
        }
    }

    /**
     * A message without non-blank text and without attachments: 30016. "Blank" is Java's {@code String.isBlank()}, as
     * the server reads it (the document's send description says "non-empty"): spaces, tabs, line breaks, U+2003 and
     * the like count as no text; U+00A0 and U+200B do not, so they are not used here.
     */
    private void blankMessages() {
        List<String> blanks = java.util.Arrays.asList(null, "", " ", "  ", "\t", "\n", "\r\n", " \t\n ", "\u2003", "\u3000",
                "\u2028", "\u000B", "\u001F", "\u1680", "\u2000\u2001\u2002", "\f", " ".repeat(ValidRequests.TEXT_MAX), "\u205F");
        for (String blank : blanks) {
            String[] variants = random.nextInt(3) == 0 ? new String[] {null, "[]"}
                    : new String[] {random.nextBoolean() ? null : "[]"};
            for (String attachments : variants) {
                ObjectNode base = activity(Kind.MESSAGE);
                base.remove("attachments");
                if (blank == null) {
                    base.remove("text");
                } else {
                    base.put("text", blank);
                }
                String body = attachments == null ? Json.text(base) : withRaw(base, "attachments", attachments);
                schema("no-text", "text " + (blank == null ? "absent" : "'" + printable(blank) + "'")
                        + (attachments == null ? "" : ", attachments []"), send(WireRequest.utf8(body)), NO_TEXT,
                        blank == null || blank.isEmpty() ? null : "whitespace-only text counts as no text");
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static Kind kindOf(ObjectNode activity) {
        return switch (activity.path("type").asText()) {
            case "message" -> Kind.MESSAGE;
            case "typing" -> Kind.TYPING;
            case "endOfConversation" -> Kind.END_OF_CONVERSATION;
            default -> "MessageRead".equals(activity.path("name").asText()) ? Kind.READ_EVENT : Kind.CUSTOM_EVENT;
        };
    }

    /** Offsets in compact JSON text: outside strings (structural) or inside strings (not within an escape). */
    private static List<Integer> positions(String text, boolean insideStrings) {
        List<Integer> result = new ArrayList<>();
        boolean inString = false;
        boolean escaped = false;
        int unicodeLeft = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (insideStrings ? inString && !escaped && unicodeLeft == 0 : !inString) {
                result.add(i);
            }
            if (i == text.length()) {
                break;
            }
            char c = text.charAt(i);
            if (unicodeLeft > 0) {
                unicodeLeft--;
            } else if (escaped) {
                escaped = false;
                if (c == 'u') {
                    unicodeLeft = 4;
                }
            } else if (inString && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        if (insideStrings) {
            // never between the two halves of a surrogate pair
            result.removeIf(i -> i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)));
        }
        return result;
    }

    /** Offsets just after the opening quote of each string. */
    private static List<Integer> stringOpenings(String text) {
        List<Integer> result = new ArrayList<>();
        List<Integer> structural = positions(text, false);
        for (int i : structural) {
            if (i < text.length() && text.charAt(i) == '"') {
                result.add(i + 1);
            }
        }
        return result;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.length() > 40 ? out.substring(0, 40) + "...(" + text.length() + ")" : out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static List<Field> with(List<Field> base, Field... more) {
        List<Field> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
