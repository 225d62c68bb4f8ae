package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --jwt-*} flags of {@link Main}: accepting real (e.g. Entra) JWT bearer tokens besides the static one. */
final class JwtOptions {

    @Option(names = "--jwt-issuer", defaultValue = "${env:MESSAGING_JWT_ISSUER}",
            description = "Accept JWTs with this exact iss (env MESSAGING_JWT_ISSUER), "
                    + "e.g. https://login.microsoftonline.com/<tenant>/v2.0.")
    String issuer;

    @Option(names = "--jwt-audience", defaultValue = "${env:MESSAGING_JWT_AUDIENCE}",
            description = "Audience the JWT's aud must contain (env MESSAGING_JWT_AUDIENCE).")
    String audience;

    @Option(names = "--jwt-jwks-url", defaultValue = "${env:MESSAGING_JWT_JWKS_URL}",
            description = "URL of the signing keys as a JWK set (env MESSAGING_JWT_JWKS_URL).")
    URI jwksUrl;

    @Option(names = "--jwt-key-file", defaultValue = "${env:MESSAGING_JWT_KEY_FILE}",
            description = "File with the signing keys as a JWK set, instead of --jwt-jwks-url (env MESSAGING_JWT_KEY_FILE).")
    Path keyFile;

    @Option(names = "--jwt-client", paramLabel = "CLIENTID=CHANNELID[,CHANNELID]", split = ";",
            defaultValue = "${env:MESSAGING_JWT_CLIENTS}",
            description = "Channels a JWT's client id (azp or appid) may use; repeatable "
                    + "(env MESSAGING_JWT_CLIENTS, entries separated by ';').")
    List<String> clients = new ArrayList<>();

    /**
     * The JWT settings, or {@code null} when no {@code --jwt-*} flag is given (static tokens only).
     *
     * @throws IllegalArgumentException when the flags are incomplete or malformed
     */
    JwtSettings settings() {
        if (issuer == null && audience == null && jwksUrl == null && keyFile == null && clients.isEmpty()) {
            return null;
        }
        if (keyFile != null && !Files.isReadable(keyFile)) {
            throw new IllegalArgumentException("Cannot read the JWT key file " + keyFile);
        }
        return new JwtSettings(issuer, audience, jwksUrl, keyFile, JwtSettings.parseClients(clients));
    }
}
