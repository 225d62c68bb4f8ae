package io.github.ccmessaging.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
    private static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";
    private static final URI JWKS = URI.create("https://login.microsoftonline.com/common/discovery/v2.0/keys");

    @Test
    void parsesClientEntriesAndMergesARepeatedClient() {
        Map<String, Set<String>> clients = JwtSettings.parseClients(List.of(
                "app-1=" + CHANNEL + ",0DDBA11A-0000-4000-8000-000000000003", "app-2=" + CHANNEL,
                "app-1=11111111-2222-4333-8444-555555555555"));
        JwtSettings settings = new JwtSettings("iss", "aud", JWKS, null, clients);

        assertThat(settings.clientChannels()).containsOnlyKeys("app-1", "app-2");
        assertThat(settings.clientChannels().get("app-1")).containsExactlyInAnyOrder(CHANNEL,
                "0ddba11a-0000-4000-8000-000000000003", "11111111-2222-4333-8444-555555555555");
        assertThat(settings.clientChannels().get("app-2")).containsExactly(CHANNEL);
    }

    @Test
    void refusesAClientEntryWithoutClientId() {
        assertThatThrownBy(() -> JwtSettings.parseClients(List.of(CHANNEL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLIENTID=CHANNELID");
    }

    @Test
    void refusesAChannelIdThatIsNotAGuid() {
        assertThatThrownBy(() -> new JwtSettings("iss", "aud", JWKS, null, Map.of("app", Set.of("channel-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel-1");
    }

    @Test
    void needsExactlyOneKeySource() {
        Map<String, Set<String>> clients = Map.of("app", Set.of(CHANNEL));
        assertThatThrownBy(() -> new JwtSettings("iss", "aud", null, null, clients))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings("iss", "aud", JWKS, Path.of("jwks.json"), clients))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsIssuerAudienceAndAClient() {
        Map<String, Set<String>> clients = Map.of("app", Set.of(CHANNEL));
        assertThatThrownBy(() -> new JwtSettings(null, "aud", JWKS, null, clients))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings("iss", " ", JWKS, null, clients))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings("iss", "aud", JWKS, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAJwksUrlThatIsNotHttp() {
        assertThatThrownBy(() -> new JwtSettings("iss", "aud", URI.create("file:///etc/jwks.json"), null,
                Map.of("app", Set.of(CHANNEL)))).isInstanceOf(IllegalArgumentException.class);
    }
}
