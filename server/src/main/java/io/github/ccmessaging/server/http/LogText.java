package io.github.ccmessaging.server.http;

/** Makes a value safe for a one-line log: control characters are written as escapes, so no value can forge a line. */
public final class LogText {
    private LogText() {
    }

    /** {@code value} with every control character (line breaks, NUL, ESC…) written as {@code \n}, {@code \r} or {@code \\uXXXX}. */
    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        int first = 0;
        while (first < value.length() && !needsEscape(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean needsEscape(char c) {
        // the backslash too, so that an escape written here cannot be told from one the caller sent
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\\' || c == '\u2028' || c == '\u2029';
    }
}
