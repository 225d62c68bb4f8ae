package io.github.ccmessaging.server.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** JSON helpers of the corpus: edit a tree by dotted path, render it (also with a duplicated key), check well-formedness. */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A plain RFC 8259 parser: no duplicate detection, no nesting limit worth the name. */
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1_000_000).build())
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return WireRequest.utf8(text(node));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String value) {
        return text(NODES.textNode(value));
    }

    /** The node at a dotted path ({@code attachments.0.name}), or null. */
    static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
        }
        return node;
    }

    /** Puts a value at a dotted path, creating missing parents (an array when the next segment is a number). */
    static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = segments[i];
            boolean nextIsIndex = segments[i + 1].matches("\\d+");
            JsonNode child = child(node, segment);
            if (child == null || !(nextIsIndex ? child.isArray() : child.isObject())) {
                child = nextIsIndex ? NODES.arrayNode() : NODES.objectNode();
                put(node, segment, child);
            }
            node = child;
        }
        put(node, segments[segments.length - 1], value);
    }

    static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : get(root, path.substring(0, dot));
        String last = path.substring(dot + 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        }
    }

    private static JsonNode child(JsonNode node, String segment) {
        return node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
    }

    private static void put(JsonNode parent, String segment, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(segment, value);
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = Integer.parseInt(segment);
            while (array.size() <= index) {
                array.addObject();
            }
            array.set(index, value);
        }
    }

    /**
     * Renders {@code root} compactly, but the object at {@code objectPath} ("" for the root) gets member {@code key}
     * a second time, with {@code duplicate} as its value, right after the first one (or last, when it had none).
     */
    static String withDuplicateKey(JsonNode root, String objectPath, String key, JsonNode duplicate) {
        StringBuilder out = new StringBuilder();
        write(out, root, "", objectPath, key, duplicate);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node, String path, String target, String key, JsonNode dup) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            boolean written = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(member.getKey())).append(':');
                write(out, member.getValue(), join(path, member.getKey()), target, key, dup);
                if (path.equals(target) && member.getKey().equals(key)) {
                    out.append(',').append(quote(key)).append(':').append(text(dup));
                    written = true;
                }
            }
            if (path.equals(target) && !written) {
                throw new IllegalArgumentException("no member " + key + " at " + target);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, node.get(i), join(path, Integer.toString(i)), target, key, dup);
            }
            out.append(']');
        } else {
            out.append(text(node));
        }
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    /** True when the bytes are one complete RFC 8259 JSON value (duplicate names and any depth allowed). */
    static boolean wellFormed(byte[] body) {
        if (body == null) {
            return false;
        }
        try (JsonParser parser = LENIENT.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
    static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
