package io.github.ccmessaging.server.auth;

import io.github.ccmessaging.server.channel.Channel;

/** Decides whether a bearer token may use a channel; never says why not, so a 401 cannot leak it. */
@FunctionalInterface
public interface Authenticator {

    /**
     * May this bearer token use this channel of its organization?
     *
     * @param bearerToken the token after {@code Bearer }, never blank
     * @param channel the served channel named by the request's {@code channel-id}, already known to belong to the
     *                request's {@code organization-id}
     */
    boolean permits(String bearerToken, Channel channel);

    /** Permits what this one or the other permits, asking the other only when this one refuses. */
    default Authenticator or(Authenticator other) {
        return (token, channel) -> permits(token, channel) || other.permits(token, channel);
    }

    /** Only each channel's static token. */
    static Authenticator staticTokens() {
        return new StaticTokens();
    }

    /** The static tokens, and when {@code jwt} is not {@code null} also JWTs validated as it says. */
    static Authenticator of(JwtSettings jwt) {
        return jwt == null ? staticTokens() : staticTokens().or(new JwtAuthenticator(jwt));
    }
}
