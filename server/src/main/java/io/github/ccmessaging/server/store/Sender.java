package io.github.ccmessaging.server.store;

/** Who an activity came from. */
public enum Sender {
    /** The customer, through the channel's consumer API calls. */
    CUSTOMER,
    /** The representative (agent), through the emulator's control API. */
    REPRESENTATIVE,
    /** The contact centre itself: system events such as {@code AgentAccepted}. */
    SYSTEM
}
