package io.github.ccmessaging.server.journal;

import io.github.ccmessaging.server.channel.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request a channel sent to the consumer API, as received, with its answer. Kept unredacted but for the
 * {@code Authorization}-like headers (cheap on the request's path); {@link JournalEntries} redacts the rest when the
 * journal is read.
 *
 * @param channelId the channel the request authenticated as
 * @param path the path and query string as sent
 * @param conversationId the conversation it is about (its path's, or the one a create returned); null if none
 * @param headers lower-case header name to value, repeated headers joined with {@code ", "}
 * @param body the body as received, its first {@link #KEPT_BODY_BYTES} bytes at most; null without one
 * @param bodyLength the length of the whole body
 * @param status the answer's status; null when the connection was closed without one
 * @param errorCode the answer's documented error code, or null
 * @param faultRuleId the fault rule that faulted it, or null
 * @param secrets the tokens to redact wherever they appear: the bearer token presented and the channel's own
 * @param time when it arrived
 */
public record JournaledRequest(String channelId, String method, String path, String conversationId,
                               Map<String, String> headers, byte[] body, int bodyLength, Integer status, Integer errorCode,
                               String correlationId, String faultRuleId, List<String> secrets, Instant time) {

    /** Enough bytes for the most characters the journal shows, and a token that starts just before the last. */
    static final int KEPT_BODY_BYTES = 4 * JournalEntries.MAX_BODY_CHARS + 16_384;

    /** The part of a body that is kept: all of it, unless it is longer than {@link #KEPT_BODY_BYTES}. */
    public static byte[] kept(byte[] body) {
        return body == null || body.length <= KEPT_BODY_BYTES ? body : java.util.Arrays.copyOf(body, KEPT_BODY_BYTES);
    }

    /** A header's value as the journal keeps it: a credential header's is never kept. */
    public static String headerValue(String lowerCaseName, List<String> values) {
        if (Redaction.isCredentialHeader(lowerCaseName)) {
            return Redaction.REDACTED;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    /** The secrets of a request of {@code channel} that presented {@code bearerToken} (null: none). */
    public static List<String> secretsOf(Channel channel, String bearerToken) {
        List<String> secrets = new ArrayList<>(3);
        if (bearerToken != null) {
            secrets.add(bearerToken);
        }
        if (channel != null) {
            secrets.add(channel.token());
            if (channel.webhookToken() != null) {
                secrets.add(channel.webhookToken());
            }
        }
        return List.copyOf(secrets);
    }

    /** Names what it is without its headers, body or secrets. */
    @Override
    public String toString() {
        return "JournaledRequest[" + method + " " + path + " " + status + " correlation-id=" + correlationId + "]";
    }
}
