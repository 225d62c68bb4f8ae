package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.ccmessaging.server.model.SendActivityResponse;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The one JSON configuration of the server, for requests, responses and stored activities. Every server of the JVM
 * shares one mapper: it is never changed once built, and its (de)serializers, built on the first requests, stay ready
 * for the next server started in the same JVM (the next test class of a suite).
 */
public final class ObjectMapperProvider implements ContextResolver<ObjectMapper> {
    private static final ObjectMapper SHARED = newObjectMapper();
    private final ObjectMapper mapper = SHARED;

    /**
     * Unknown members are ignored (Bot Framework receivers must accept them); duplicate keys, and scalars of the wrong
     * JSON type (a number where a string belongs), are rejected instead of being silently coerced; nulls are left out.
     */
    public static ObjectMapper newObjectMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addMixIn(SendActivityResponse.class, AlwaysSendMessage.class)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    /** The documented response carries {@code "message": null}; keep it although nulls are otherwise left out. */
    private abstract static class AlwaysSendMessage {
        @JsonProperty("message")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getMessage();
    }
}
