package io.github.ccmessaging.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EntraClientCredentialsTest {
    private static final String CLIENT_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String SECRET = "s3cr3t~with&special=chars+";
    private static final String SCOPE = "https://c0ffee00000040008000000000000002-c.crm.dynamics.com/.default";

    private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();
    private final MutableClock clock = new MutableClock();
    private final EntraClientCredentials tokens = EntraClientCredentials.builder()
            .tokenEndpoint(endpoint.uri()).clientId(CLIENT_ID).clientSecret(SECRET).scope(SCOPE).clock(clock).build();

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void postsTheDocumentedClientCredentialsForm() {
        tokens.get();

        FakeTokenEndpoint.TokenRequest request = endpoint.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(FakeTokenEndpoint.PATH);
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).isEqualTo(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID,
                "client_secret", SECRET, "scope", SCOPE));
    }

    @Test
    void returnsTheAccessTokenTheEndpointSigned() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.get());

        assertThat(jwt.verify(new RSASSAVerifier(endpoint.key.toRSAPublicKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("azp")).isEqualTo(CLIENT_ID);
    }

    @Test
    void cachesTheTokenAcrossCalls() {
        String first = tokens.get();
        for (int i = 0; i < 50; i++) {
            assertThat(tokens.get()).isEqualTo(first);
        }
        assertThat(endpoint.requests()).hasSize(1);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        endpoint.delayResponses(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> {
                go.await();
                return tokens.get();
            });
        }
        try {
            List<Future<String>> futures = new ArrayList<>();
            calls.forEach(call -> futures.add(pool.submit(call)));
            go.countDown();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Future<String> future : futures) {
                seen.add(future.get());
            }
            assertThat(seen).hasSize(1);
            assertThat(endpoint.requests()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fetchesANewTokenFiveMinutesBeforeExpiry() {
        endpoint.expiresIn(3600L);
        String first = tokens.get();

        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.get()).isEqualTo(first);
        assertThat(endpoint.requests()).hasSize(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(tokens.get()).isNotEqualTo(first);
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void refreshesAShortLivedTokenAtHalfItsLifetime() {
        endpoint.expiresIn(120L);
        String first = tokens.get();

        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.get()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.get()).isNotEqualTo(first);
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void doesNotCacheATokenWithoutExpiresIn() {
        endpoint.expiresIn(null);
        tokens.get();
        tokens.get();
        assertThat(endpoint.requests()).hasSize(2);
    }

    @Test
    void anErrorResponseNamesEntrasErrorButNeverTheSecret() {
        endpoint.fail(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
                + "secret provided. Ensure the secret being sent in the request is the client secret value: " + SECRET
                + "\",\"error_codes\":[7000215],\"trace_id\":\"t\",\"correlation_id\":\"c\"}");

        assertThatThrownBy(tokens::get)
                .isInstanceOfSatisfying(EntraTokenException.class, e -> {
                    assertThat(e.error()).contains("invalid_client");
                    assertThat(e.status()).hasValue(401);
                })
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aNonJsonErrorResponseIsReportedWithItsStatus() {
        endpoint.fail(502, "<html>Bad gateway</html>");

        assertThatThrownBy(tokens::get)
                .isInstanceOfSatisfying(EntraTokenException.class, e -> {
                    assertThat(e.status()).hasValue(502);
                    assertThat(e.error()).isEmpty();
                })
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void aSuccessResponseWithoutAccessTokenIsAnError() {
        endpoint.fail(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599}");

        assertThatThrownBy(tokens::get).isInstanceOf(EntraTokenException.class).hasMessageContaining("access_token");
    }

    @Test
    void anUnreachableEndpointIsAnErrorWithoutStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EntraClientCredentials unreachable = EntraClientCredentials.builder()
                .tokenEndpoint(URI.create("http://127.0.0.1:" + closedPort + "/t/oauth2/v2.0/token"))
                .clientId(CLIENT_ID).clientSecret(SECRET).scope(SCOPE).build();

        assertThatThrownBy(unreachable::get)
                .isInstanceOfSatisfying(EntraTokenException.class, e -> assertThat(e.status()).isEmpty())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void suppliesTheBearerTokenOfMessagingClientRequests() {
        try (FakeMessagingServer api = FakeMessagingServer.start()) {
            MessagingClient client = MessagingClient.builder().baseUri(api.baseUri())
                    .channelId(MessagingClientRequestsTest.CHANNEL).organizationId(MessagingClientRequestsTest.ORGANIZATION)
                    .tokenSupplier(tokens).build();

            client.createConversation();
            client.sendMessage(MessagingClientRequestsTest.CONVERSATION, "hi");

            assertThat(api.requests()).extracting(r -> r.header("Authorization"))
                    .containsOnly("Bearer " + tokens.get());
            assertThat(endpoint.requests()).hasSize(1);
        }
    }

    @Test
    void derivesTheDocumentedScopeFromOrganizationAndZone() {
        assertThat(EntraClientCredentials.scopeFor("C0FFEE00-0000-4000-8000-000000000002", "crm4"))
                .isEqualTo("https://c0ffee00000040008000000000000002-c.crm4.dynamics.com/.default");
        assertThatThrownBy(() -> EntraClientCredentials.scopeFor("not-a-guid", "crm"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntraClientCredentials.scopeFor("c0ffee00-0000-4000-8000-000000000002", "crm/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultEndpointIsTheTenantsV2TokenEndpoint() {
        EntraClientCredentials credentials = EntraClientCredentials.builder().tenantId("contoso.onmicrosoft.com")
                .clientId(CLIENT_ID).clientSecret(SECRET).scope(SCOPE).build();

        assertThat(credentials.tokenEndpoint())
                .isEqualTo(URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    }

    @Test
    void refusesToBuildWithoutTheRequiredValues() {
        assertThatThrownBy(() -> EntraClientCredentials.builder().tenantId("t").clientSecret(SECRET).scope(SCOPE)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> EntraClientCredentials.builder().tenantId("t").clientId(CLIENT_ID).scope(SCOPE)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("clientSecret");
        assertThatThrownBy(() -> EntraClientCredentials.builder().tenantId("t").clientId(CLIENT_ID)
                .clientSecret(SECRET).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> EntraClientCredentials.builder().clientId(CLIENT_ID).clientSecret(SECRET)
                .scope(SCOPE).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("tenantId");
        assertThatThrownBy(() -> EntraClientCredentials.builder().tenantId("../evil").clientId(CLIENT_ID)
                .clientSecret(SECRET).scope(SCOPE).build()).isInstanceOf(IllegalStateException.class);
    }
}
