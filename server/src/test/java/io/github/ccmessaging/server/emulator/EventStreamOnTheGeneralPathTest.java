package io.github.ccmessaging.server.emulator;

import io.github.ccmessaging.server.ServerSettings;

/** Every test of {@link EventStreamTest} on a server without the fast path: each event through Jersey's event sink. */
class EventStreamOnTheGeneralPathTest extends EventStreamTest {
    @Override
    ServerSettings.Builder path(ServerSettings.Builder settings) {
        return settings.fastPath(false);
    }
}
