package io.github.ccmessaging.server.channel;

/**
 * The API's GUID syntax (channel, organization and conversation ids, in any letter case): the one place the server's
 * own code knows it. The OpenAPI document's {@code Guid} schema holds the rule; the generated interfaces carry it as
 * {@code @Pattern}; a test keeps {@link #PATTERN} equal to the document's and {@link #isGuid} equal to the pattern.
 */
public final class Guids {
    /** The regular expression of the document's {@code Guid} schema, as the generated {@code @Pattern} carries it. */
    public static final String PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private Guids() {
    }

    /** Whether {@code value} matches {@link #PATTERN}; checked character by character, without a regex matcher. */
    public static boolean isGuid(CharSequence value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
