package io.github.ccmessaging.server.corpus;

import io.github.ccmessaging.server.SpecDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a problem detail names the elements of a request as the wire format does: a body member by a JSON path
 * the OpenAPI document declares ({@code channelData.messagingapi-oc.type}, {@code attachments[1].contentType},
 * {@code conversationcontext.order.value}), a parameter by the name it is sent under — never by a generated Java name
 * ({@code messagingapiOc}, {@code channelId2}) or with an index in the wrong place ({@code attachments.contentType[1]}).
 */
final class DetailNames {
    /** How bean validation's messages begin, after the name of the element they are about. */
    private static final List<String> VIOLATIONS = List.of(" size must be between ", " must match ", " must not be null",
            " must be greater than or equal to ", " must be less than or equal to ");
    /** Where Jackson's failures, as the server words them, name a member. */
    private static final Pattern JACKSON = Pattern.compile("(?:missing member at|Invalid value at) (\\S+?)(?: \\(line|\\.$)");
    private static final List<String> BODIES = List.of("MessageActivity", "TypingActivity",
            "EndOfConversationActivity", "EventActivity", "CreateConversationRequest");
    private static final List<String> PARAMETERS = List.of("channel-id", "organization-id", "conversationId", "body");

    private final List<Pattern> known = new ArrayList<>();

    DetailNames() {
        for (String body : BODIES) {
            for (SpecDocument.Member member : SpecDocument.members(body)) {
                known.add(Pattern.compile(pathPattern(member.path())));
            }
        }
        PARAMETERS.forEach(name -> known.add(Pattern.compile(Pattern.quote(name))));
    }

    /** A member path of the document as the detail writes it: an array's element indexed, a map's value by its key. */
    private static String pathPattern(String path) {
        StringBuilder pattern = new StringBuilder();
        for (String segment : path.split("\\.")) {
            if (segment.equals("0")) {
                pattern.append("\\[\\d+\\]");
            } else if (segment.equals("$VAR")) {
                pattern.append("\\.[^.\\s]+");
            } else {
                pattern.append(pattern.isEmpty() ? "" : "\\.").append(Pattern.quote(segment));
            }
        }
        return pattern.toString();
    }

    /** The names in {@code detail} that are not elements of a request as the document names them. */
    List<String> unknown(String detail) {
        List<String> names = new ArrayList<>();
        for (String part : detail.split("; ")) {
            for (String violation : VIOLATIONS) {
                int at = part.indexOf(violation);
                if (at > 0) {
                    names.add(part.substring(0, at));
                    break;
                }
            }
        }
        Matcher jackson = JACKSON.matcher(detail);
        while (jackson.find()) {
            names.add(jackson.group(1));
        }
        return names.stream().filter(name -> known.stream().noneMatch(p -> p.matcher(name).matches())).toList();
    }
}
