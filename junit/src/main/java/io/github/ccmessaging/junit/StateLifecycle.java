package io.github.ccmessaging.junit;

/**
 * How long the emulator's state (conversations, transcripts, channels registered at run time, the webhook inbox)
 * lives in a test class that shares one emulator.
 */
public enum StateLifecycle {
    /** Forgotten before each test method: every test starts with an empty emulator. The default. */
    PER_METHOD,
    /** Kept for all the test methods of the class, e.g. a conversation created in {@code @BeforeAll}. */
    PER_CLASS
}
