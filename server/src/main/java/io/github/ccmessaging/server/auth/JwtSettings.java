package io.github.ccmessaging.server.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.github.ccmessaging.server.channel.Guids;

/**
 * How JWT bearer tokens (e.g. Microsoft Entra access tokens) are accepted besides the static tokens: signed with
 * RS256 or ES256 by a key of {@code jwksUrl} or {@code keyFile}, with this exact issuer, this audience among its
 * {@code aud}, not expired (60 s clock skew), and a client id ({@code azp}, else {@code appid}) mapped to the channel.
 *
 * @param issuer the exact {@code iss}, e.g. {@code https://login.microsoftonline.com/{tenant}/v2.0}
 * @param audience a value the token's {@code aud} must contain
 * @param jwksUrl where the JWK set is fetched (and re-fetched for unknown key ids); or {@code null}
 * @param keyFile a JWK set JSON file read once at start; or {@code null}. Exactly one of the two is set.
 * @param clientChannels client id → the channel ids it may use; client ids match exactly, channel ids in any case
 */
public record JwtSettings(String issuer, String audience, URI jwksUrl, Path keyFile,
                          Map<String, Set<String>> clientChannels) {
    public JwtSettings {
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("JWT validation needs an issuer and an audience.");
        }
        if ((jwksUrl == null) == (keyFile == null)) {
            throw new IllegalArgumentException("JWT validation needs exactly one of a JWKS URL and a key file.");
        }
        if (jwksUrl != null && !(jwksUrl.isAbsolute() && jwksUrl.getScheme().matches("(?i)https?"))) {
            throw new IllegalArgumentException("The JWKS URL must be an absolute http(s) URL: " + jwksUrl);
        }
        if (clientChannels == null || clientChannels.isEmpty()) {
            throw new IllegalArgumentException("JWT validation needs at least one client id mapped to channels.");
        }
        clientChannels = normalized(clientChannels);
    }

    /**
     * Parses {@code CLIENTID=CHANNELID[,CHANNELID]} entries; a client named twice gets the channels of both.
     *
     * @throws IllegalArgumentException when an entry is not of that form or a channel id is not a GUID
     */
    public static Map<String, Set<String>> parseClients(List<String> entries) {
        Map<String, Set<String>> clients = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String clientId = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (clientId.isEmpty()) {
                throw new IllegalArgumentException("Expected CLIENTID=CHANNELID[,CHANNELID], got: " + entry);
            }
            Set<String> channels = clients.computeIfAbsent(clientId, id -> new LinkedHashSet<>());
            for (String channelId : entry.substring(equals + 1).split(",")) {
                channels.add(channelId.trim());
            }
        }
        return clients;
    }

    private static Map<String, Set<String>> normalized(Map<String, Set<String>> clientChannels) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        clientChannels.forEach((clientId, channelIds) -> {
            if (clientId == null || clientId.isBlank() || channelIds == null || channelIds.isEmpty()) {
                throw new IllegalArgumentException("Every JWT client id needs at least one channel id.");
            }
            Set<String> channels = new LinkedHashSet<>();
            for (String channelId : channelIds) {
                if (!Guids.isGuid(channelId)) {
                    throw new IllegalArgumentException("JWT client " + clientId + ": not a channel GUID: " + channelId);
                }
                channels.add(channelId.toLowerCase(Locale.ROOT));
            }
            copy.put(clientId, Set.copyOf(channels));
        });
        return Map.copyOf(copy);
    }
}
