package io.github.ccmessaging.server.auth;

import static io.github.ccmessaging.server.auth.TestKeys.AUDIENCE;
import static io.github.ccmessaging.server.auth.TestKeys.CLIENT_ID;
import static io.github.ccmessaging.server.auth.TestKeys.ISSUER;
import static io.github.ccmessaging.server.auth.TestKeys.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.server.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signing keys can come from a JWKS URL, as Entra publishes them. */
class JwksUrlTest {
    private final TestKeys keys = new TestKeys();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer jwks;
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/discovery/v2.0/keys", exchange -> {
            fetches.incrementAndGet();
            byte[] body = keys.publicJwkSet().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        jwks.start();
        URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/discovery/v2.0/keys");
        server = new TestServer(new JwtSettings(ISSUER, AUDIENCE, url, null,
                Map.of(CLIENT_ID, Set.of(TestServer.DEV.channelId()))));
    }

    @AfterEach
    void stop() {
        server.close();
        jwks.stop(0);
    }

    @Test
    void acceptsATokenSignedWithAKeyFromTheJwksUrl() {
        String token = keys.signRs256(validClaims().build());
        assertThat(server.dev().withHeader("Authorization", "Bearer " + token).create("{}").status()).isEqualTo(200);
        assertThat(fetches.get()).isPositive();
    }

    @Test
    void refusesATokenSignedWithAKeyTheJwksUrlDoesNotPublish() {
        String token = TestKeys.sign(TestKeys.generateRsa("rsa-9"), validClaims().build());
        assertThat(server.dev().withHeader("Authorization", "Bearer " + token).create("{}").status()).isEqualTo(401);
    }

    @Test
    void refusesJwtsWhenTheJwksUrlIsUnreachable() {
        jwks.stop(0);
        String token = keys.signRs256(validClaims().build());
        assertThat(server.dev().withHeader("Authorization", "Bearer " + token).create("{}").status()).isEqualTo(401);
        assertThat(server.dev().create("{}").status()).isEqualTo(200);
    }
}
