package io.github.ccmessaging.server.emulator;

import java.util.List;

/** The system events the emulator sends, named as the documented list names them. */
final class SystemEvents {
    static final List<String> ACCEPTED = List.of("AgentAccepted", "AgentAssigned");
    static final List<String> CLOSED = List.of("AgentEndSession", "ConversationClose");

    private SystemEvents() {
    }
}
