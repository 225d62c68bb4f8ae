package io.github.ccmessaging.server.channel;

/**
 * A custom messaging channel the server serves.
 *
 * @param channelId the channel's GUID (lower case)
 * @param organizationId the GUID of the organization it belongs to (lower case)
 * @param token the static bearer token that may use it
 */
public record Channel(String channelId, String organizationId, String token) {
}
