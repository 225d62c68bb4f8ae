package io.github.ccmessaging.server.store;

/**
 * An activity the store holds.
 *
 * @param messageId its 13-digit epoch-millisecond id
 * @param duplicate true when an earlier activity with the same client id was found and nothing new was stored
 */
public record Appended(long messageId, boolean duplicate) {
}
