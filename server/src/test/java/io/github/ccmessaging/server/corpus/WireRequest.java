package io.github.ccmessaging.server.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request exactly as it goes on the wire: method, path (already URI-encoded), headers (in order; a header
 * absent from the map is not sent) and the raw body bytes ({@code null}: no body at all).
 */
record WireRequest(String method, String path, Map<String, String> headers, byte[] body) {

    WireRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    WireRequest withBody(byte[] newBody) {
        return new WireRequest(method, path, headers, newBody);
    }

    WireRequest withPath(String newPath) {
        return new WireRequest(method, newPath, headers, body);
    }

    /** These headers with one replaced, or removed when {@code value} is null. */
    WireRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new WireRequest(method, path, copy, body);
    }

    /** Identifies what was sent: two requests with the same key are the same request. */
    String distinctKey() {
        List<String> sortedHeaders = new ArrayList<>();
        headers.forEach((name, value) -> sortedHeaders.add(name.toLowerCase() + ":" + value));
        Collections.sort(sortedHeaders);
        return method + " " + path + " " + sortedHeaders + " " + (body == null ? "<no body>" : sha256(body));
    }

    /** The start of the body for failure messages, with bytes that are not printable ASCII as \xNN. */
    String bodyPreview(int max) {
        if (body == null) {
            return "<no body>";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length && out.length() < max; i++) {
            int b = body[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02X", b));
            }
        }
        if (out.length() >= max) {
            out.append("...(").append(body.length).append(" bytes)");
        }
        return out.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WireRequest w && distinctKey().equals(w.distinctKey());
    }

    @Override
    public int hashCode() {
        return distinctKey().hashCode();
    }

    @Override
    public String toString() {
        return method + " " + path + " " + headers + " " + bodyPreview(300);
    }
}
