package io.github.ccmessaging.server.channel;

import java.util.regex.Pattern;

/** The API's GUID syntax (channel, organization and conversation ids), in any letter case. */
public final class Guids {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }
}
