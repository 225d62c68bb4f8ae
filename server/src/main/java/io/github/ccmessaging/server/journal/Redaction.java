package io.github.ccmessaging.server.journal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps tokens out of the request journal: the whole value of headers that carry credentials, and wherever else they
 * appear (other headers, bodies) the request's secrets, anything after {@code Bearer}, and anything shaped like a JWT.
 */
final class Redaction {
    static final String REDACTED = "[redacted]";
    /** Headers whose whole value is a credential. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-api-key", "x-functions-key", "ocp-apim-subscription-key");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    static boolean isCredentialHeader(String lowerCaseName) {
        return CREDENTIAL_HEADERS.contains(lowerCaseName.toLowerCase(Locale.ROOT));
    }

    /** The text with every secret, bearer token and JWT in it replaced. */
    static String text(String text, Collection<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        // the longest first, so that a secret containing another is replaced whole
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (!secret.isEmpty()) {
                redacted = redacted.replace(secret, REDACTED);
            }
        }
        redacted = BEARER.matcher(redacted).replaceAll("$1" + REDACTED);
        return JWT.matcher(redacted).replaceAll(REDACTED);
    }

    static List<String> none() {
        return List.of();
    }
}
