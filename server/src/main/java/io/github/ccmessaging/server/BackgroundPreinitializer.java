package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.CreateConversationRequest;
import io.github.ccmessaging.server.model.SendActivityResponse;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * While the main thread opens the store, loads on a second core what the first requests would otherwise wait for:
 * Hibernate Validator's bootstrap and the models' JSON (de)serialization, the same idea as Spring Boot's
 * {@code BackgroundPreinitializer}. Nothing it builds is kept, so a failure here changes nothing but the start time.
 */
final class BackgroundPreinitializer {
    private static final String ACTIVITY = "{\"type\":\"message\",\"id\":\"preinit-1\",\"text\":\"Hello\","
            + "\"from\":{\"id\":\"customer\",\"name\":\"Customer\"},\"conversation\":{\"id\":\"c\"}}";

    private BackgroundPreinitializer() {
    }

    static void start() {
        Thread thread = new Thread(BackgroundPreinitializer::run, "preinitializer");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            ObjectMapper json = new ObjectMapperProvider().getContext(Object.class);
            Validator validator = factory.getValidator();
            validator.validate(json.readValue(ACTIVITY, Activity.class));
            validator.validate(json.readValue("{}", CreateConversationRequest.class));
            json.writeValueAsString(new SendActivityResponse().messageId("1"));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(BackgroundPreinitializer.class).debug("Pre-initialization failed", e);
        }
    }
}
