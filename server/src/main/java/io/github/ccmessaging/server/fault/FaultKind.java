package io.github.ccmessaging.server.fault;

/** What a fault rule does to a matching request, or to a delivery to the channel's webhook. */
public enum FaultKind {
    /** Answered with an error status and problem details, without reaching the application. */
    STATUS("status"),
    /** Served late. */
    DELAY("delay"),
    /** The connection is closed without an answer. */
    CLOSE_CONNECTION("closeConnection"),
    /** A 200 whose body stops half way, then the connection closes. */
    CUT_ANSWER("cutAnswer"),
    /** A webhook delivery is sent late. */
    LATE_DELIVERY("lateDelivery"),
    /** A webhook delivery is sent twice. */
    REPEAT_DELIVERY("repeatDelivery");

    private final String wireName;

    FaultKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the OpenAPI document. */
    public String wireName() {
        return wireName;
    }

    /** Whether it acts on deliveries to the webhook rather than on requests to the consumer API. */
    public boolean onWebhook() {
        return this == LATE_DELIVERY || this == REPEAT_DELIVERY;
    }

    public static FaultKind ofWireName(String name) {
        for (FaultKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown fault type " + name);
    }
}
