package io.github.ccmessaging.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The HTTP concerns every resource shares: JSON, problem details, correlation ids, authentication. */
public final class HttpFeatures {
    private HttpFeatures() {
    }

    public static void register(ResourceConfig config, ObjectMapperProvider mappers,
                                BearerTokenFilter authentication, HttpLimits limits, boolean requestLog,
                                MeterRegistry meters) {
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
        // our mappers answer malformed JSON as problem details; Jackson's own would answer text/plain
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(mappers);
        config.register(new CorrelationIds());
        config.register(new IdsInLowerCase());
        if (requestLog) {
            config.register(new RequestLog());
        }
        config.register(new BodySizeLimit(limits.maxBodyBytes()));
        config.register(new ContentTypeCheck());
        config.register(new ContentSecurityPolicy());
        config.register(authentication);
        if (limits.requestsPerSecondPerChannel() > 0) {
            config.register(new RateLimit(limits.requestsPerSecondPerChannel(), meters));
        }
        // one Bean Validation bootstrap for every server of the JVM (the fast path's quick check is FastPath's)
        config.register(new SharedValidation());
        ProblemMappers.all(mappers.getContext(Object.class)).forEach(config::register);
    }
}
