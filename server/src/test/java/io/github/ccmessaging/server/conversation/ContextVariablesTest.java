package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.SpecDocument;
import org.junit.jupiter.api.Test;

/** The server's one copy of the context-variable limit is the document's, for a create and for a change. */
class ContextVariablesTest {

    @Test
    void theLimitIsTheDocumentsMaxProperties() {
        assertThat(ContextVariables.MAX)
                .isEqualTo(SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS
                        + "CreateConversationRequest/properties/conversationcontext/maxProperties").asInt())
                .isEqualTo(SpecDocument.at(SpecDocument.messaging(), SpecDocument.SCHEMAS
                        + "ContextUpdate/properties/context/maxProperties").asInt());
    }
}
