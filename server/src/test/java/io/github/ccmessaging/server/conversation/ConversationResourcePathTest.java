package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.api.ConversationsApi;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class ConversationResourcePathTest {
    @Test
    void classPathEqualsThePathGeneratedFromTheSpec() {
        assertThat(ConversationResource.class.getAnnotation(Path.class).value())
                .isEqualTo(ConversationsApi.class.getAnnotation(Path.class).value());
    }
}
