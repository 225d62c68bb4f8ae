package io.github.ccmessaging.server.auth;

import io.github.ccmessaging.server.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The channel's configured static token, compared in constant time. */
final class StaticTokens implements Authenticator {

    @Override
    public boolean permits(String bearerToken, Channel channel) {
        return MessageDigest.isEqual(channel.token().getBytes(StandardCharsets.UTF_8),
                bearerToken.getBytes(StandardCharsets.UTF_8));
    }
}
