package io.github.ccmessaging.server.conversation;

import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The API's time formats: seven fractional digits in UTC out, any ISO 8601 DateTimeOffset in. */
public final class Timestamps {
    private static final DateTimeFormatter SEVEN_DIGITS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OFFSET_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** E.g. {@code 2025-04-15T12:36:40.9049594Z}, as the documented samples show. */
    public static String format(Instant instant) {
        return SEVEN_DIGITS.format(instant);
    }

    /** E.g. {@code 2025-04-15T12:37:00.123+00:00}: a DateTimeOffset with millisecond precision. */
    static String formatOffset(long epochMillis) {
        return OFFSET_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses a DateTimeOffset; null stays null; anything else is the given error. */
    static Instant parse(String value, ErrorCode invalid, String parameter) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiProblem(invalid, parameter + " must be an ISO 8601 date and time with offset, e.g. "
                    + "2025-04-15T12:36:40Z.");
        }
    }
}
