package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import java.util.Locale;
import io.github.ccmessaging.server.channel.Guids;

/**
 * How a server is started.
 *
 * @param host the address to bind; {@code 127.0.0.1} by default, so the well-known token never leaves the machine
 * @param port the TCP port; 0 picks a free one
 * @param channelId the GUID of the channel served
 * @param organizationId the GUID of the organization the channel belongs to
 * @param token the static bearer token the channel accepts
 * @param jwt how JWT bearer tokens are accepted besides the static one; {@code null}: not at all
 */
public record ServerSettings(String host, int port, String channelId, String organizationId, String token,
                             JwtSettings jwt) {
    /** The well-known development channel, like Azurite's well-known account: fixed, public, never a secret. */
    public static final String DEV_CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    public static final String DEV_ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    public static final String DEV_TOKEN = "emulator-dev-token";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerSettings {
        if (!Guids.isGuid(channelId) || !Guids.isGuid(organizationId)) {
            throw new IllegalArgumentException("The channel id and the organization id must be GUIDs.");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The token must not be blank.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be between 0 and 65535.");
        }
        channelId = channelId.toLowerCase(Locale.ROOT);
        organizationId = organizationId.toLowerCase(Locale.ROOT);
    }

    /** Settings accepting only the static token. */
    public ServerSettings(String host, int port, String channelId, String organizationId, String token) {
        this(host, port, channelId, organizationId, token, null);
    }

    /** Port 8080 on loopback, serving the well-known development channel. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEV_CHANNEL_ID, DEV_ORGANIZATION_ID, DEV_TOKEN);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, channelId, organizationId, token, jwt);
    }

    public ServerSettings withChannel(String newChannelId, String newOrganizationId, String newToken) {
        return new ServerSettings(host, port, newChannelId, newOrganizationId, newToken, jwt);
    }

    /** These settings, also accepting JWTs as {@code newJwt} says ({@code null}: static token only). */
    public ServerSettings withJwt(JwtSettings newJwt) {
        return new ServerSettings(host, port, channelId, organizationId, token, newJwt);
    }
}
