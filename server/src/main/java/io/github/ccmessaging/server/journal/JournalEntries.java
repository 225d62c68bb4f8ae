package io.github.ccmessaging.server.journal;

import io.github.ccmessaging.server.conversation.Timestamps;
import io.github.ccmessaging.server.model.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shows journaled requests as the OpenAPI document's {@code JournalEntry}, with every token redacted. */
public final class JournalEntries {
    /** The most characters of a body the journal shows. */
    static final int MAX_BODY_CHARS = 65_536;

    private JournalEntries() {
    }

    public static JournalEntry of(JournaledRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, Redaction.isCredentialHeader(name)
                ? Redaction.REDACTED : Redaction.text(value, request.secrets())));
        JournalEntry entry = new JournalEntry()
                .method(request.method())
                .path(Redaction.text(request.path(), request.secrets()))
                .conversationId(request.conversationId())
                .headers(headers)
                .status(request.status())
                .errorCode(request.errorCode())
                .correlationId(request.correlationId())
                .faultRuleId(request.faultRuleId())
                .time(Timestamps.format(request.time()));
        if (request.body() != null && request.body().length > 0) {
            // redacted before it is cut, so that no cut can leave part of a token behind
            String body = Redaction.text(new String(request.body(), StandardCharsets.UTF_8), request.secrets());
            if (body.length() > MAX_BODY_CHARS || request.body().length < request.bodyLength()) {
                body = body.substring(0, Math.min(body.length(), MAX_BODY_CHARS));
                entry.bodyTruncated(true);
            }
            entry.body(body);
        }
        return entry;
    }
}
