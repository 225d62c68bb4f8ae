package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;

/** Says what is wrong with a request body in the API's terms: JSON paths and positions, never Java class names. */
final class JsonFailures {
    private JsonFailures() {
    }

    static String describe(JsonProcessingException e) {
        String where = where(e);
        if (e instanceof InvalidTypeIdException invalid) {
            return "Unknown or missing activity type" + (invalid.getTypeId() == null ? "" : " '" + invalid.getTypeId()
                    + "'") + "; expected one of message, typing, endOfConversation, event.";
        }
        if (e instanceof StreamConstraintsException) {
            return "The request body exceeds a JSON processing limit (nesting depth, number or string length)" + where;
        }
        if (e instanceof JsonParseException) {
            return "The request body is not valid JSON" + where + ".";
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return "Wrong JSON type or missing member at " + path(mismatched) + where + ".";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "Invalid value at " + path(mapping) + where + ".";
        }
        return "The request body is missing or is not the expected JSON object" + where + ".";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
