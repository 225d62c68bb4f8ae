package io.github.ccmessaging.client.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Predicate;

/** Reads the token of an {@code Authorization: Bearer <token>} header and compares tokens in constant time. */
final class BearerToken {

    private static final String SCHEME = "bearer";

    private BearerToken() {
    }

    /**
     * The token of the header ({@code Bearer} in any casing, then whitespace, then the token), or {@code null} when
     * the header is missing, names another scheme or carries no token.
     */
    static String of(String authorizationHeader) {
        if (authorizationHeader == null) {
            return null;
        }
        String header = authorizationHeader.strip();
        int space = indexOfWhitespace(header);
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String token = header.substring(space).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * A check that accepts exactly the expected token. Both tokens are hashed before the comparison, so the time it
     * takes tells neither where they differ nor how long the expected token is.
     */
    static Predicate<String> matching(String expected) {
        byte[] expectedHash = sha256(expected);
        return given -> MessageDigest.isEqual(expectedHash, sha256(given));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
