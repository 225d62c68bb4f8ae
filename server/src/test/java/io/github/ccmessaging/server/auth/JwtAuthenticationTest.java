package io.github.ccmessaging.server.auth;

import static io.github.ccmessaging.server.auth.TestKeys.AUDIENCE;
import static io.github.ccmessaging.server.auth.TestKeys.CLIENT_ID;
import static io.github.ccmessaging.server.auth.TestKeys.ISSUER;
import static io.github.ccmessaging.server.auth.TestKeys.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A server configured with a JWK set file accepts Entra-like JWTs and refuses every bad one with the same 401. */
class JwtAuthenticationTest {
    private static final String CORRELATION_ID = "jwt-auth-test";
    private static final TestKeys KEYS = new TestKeys();

    @TempDir
    static Path keyDir;
    private static TestServer server;
    private static String today401Body;

    @BeforeAll
    static void start() {
        server = new TestServer(new JwtSettings(ISSUER, AUDIENCE, null, KEYS.writePublicJwkSet(keyDir),
                Map.of(CLIENT_ID, Set.of(TestServer.DEV.channelId()))));
        today401Body = withCorrelationId(server.dev().withHeader("Authorization", "Bearer wrong-token"))
                .create("{}").body();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiCalls withCorrelationId(ApiCalls api) {
        return api.withHeader("x-ms-correlation-id", CORRELATION_ID);
    }

    private static ApiCalls bearer(String token) {
        return withCorrelationId(server.dev().withHeader("Authorization", "Bearer " + token));
    }

    private static void assertSameUnauthorized(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.headers().get("www-authenticate")).containsExactly("Bearer");
        assertThat(reply.body()).isEqualTo(today401Body);
    }

    @Test
    void acceptsAnRs256TokenWhoseClientIsMappedToTheChannel() {
        ApiCalls api = bearer(KEYS.signRs256(validClaims().build()));
        Reply created = api.create("{}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.message(created.json().get("conversationId").asText(), "hi").status()).isEqualTo(200);
    }

    @Test
    void acceptsAnEs256Token() {
        assertThat(bearer(KEYS.signEs256(validClaims().build())).create("{}").status()).isEqualTo(200);
    }

    @Test
    void acceptsAVersion1TokenThatNamesItsClientInAppid() {
        JWTClaimsSet v1 = validClaims().claim("azp", null).claim("appid", CLIENT_ID).build();
        assertThat(bearer(KEYS.signRs256(v1)).create("{}").status()).isEqualTo(200);
    }

    @Test
    void toleratesAClockSkewOfLessThanAMinute() {
        JWTClaimsSet justExpired = validClaims().expirationTime(Date.from(Instant.now().minusSeconds(20))).build();
        assertThat(bearer(KEYS.signRs256(justExpired)).create("{}").status()).isEqualTo(200);
    }

    @Test
    void keepsAcceptingTheStaticToken() {
        assertThat(server.dev().create("{}").status()).isEqualTo(200);
        assertThat(server.as(TestServer.OTHER).create("{}").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesABadTokenWithTheUsual401(String why, String token) {
        assertSameUnauthorized(bearer(token).create("{}"));
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        String valid = KEYS.signRs256(validClaims().build());
        return Stream.of(
                Arguments.of("expired", KEYS.signRs256(validClaims()
                        .expirationTime(Date.from(now.minusSeconds(300))).build())),
                Arguments.of("not yet valid", KEYS.signRs256(validClaims()
                        .notBeforeTime(Date.from(now.plusSeconds(300))).build())),
                Arguments.of("without expiry", KEYS.signRs256(validClaims().expirationTime(null).build())),
                Arguments.of("wrong issuer", KEYS.signRs256(validClaims()
                        .issuer("https://login.microsoftonline.com/99999999-2222-4333-8444-555555555555/v2.0").build())),
                Arguments.of("wrong audience", KEYS.signRs256(validClaims().audience("api://someone-else").build())),
                Arguments.of("signed by another key with the same key id",
                        TestKeys.sign(TestKeys.generateRsa("rsa-1"), validClaims().build())),
                Arguments.of("signed by an unknown key", TestKeys.sign(TestKeys.generateRsa("rsa-9"), validClaims().build())),
                Arguments.of("unsigned (alg none)", new PlainJWT(validClaims().build()).serialize()),
                Arguments.of("HS256 instead of RS256", hs256(validClaims().build())),
                Arguments.of("tampered claims", withPayload(valid, validClaims().claim("azp", "someone-else").build())),
                Arguments.of("client not mapped to any channel",
                        KEYS.signRs256(validClaims().claim("azp", "0a0a0a0a-0000-4000-8000-000000000000").build())),
                Arguments.of("no client id claim", KEYS.signRs256(validClaims().claim("azp", null).build())),
                Arguments.of("not a JWT", "header.payload.signature"));
    }

    @Test
    void refusesAValidTokenOnAChannelItsClientIsNotMappedTo() {
        ApiCalls otherChannel = withCorrelationId(server.as(TestServer.OTHER)
                .withHeader("Authorization", "Bearer " + KEYS.signRs256(validClaims().build())));
        assertSameUnauthorized(otherChannel.create("{}"));
    }

    @Test
    void refusesAValidTokenWithAnOrganizationTheChannelDoesNotBelongToSayingWhichHeaderDoesNotFit() {
        ApiCalls api = bearer(KEYS.signRs256(validClaims().build()))
                .withHeader("organization-id", TestServer.OTHER.organizationId());
        Reply reply = api.create("{}");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers().get("www-authenticate")).containsExactly("Bearer");
        assertThat(reply.json().get("detail").asText()).contains("organization-id");
    }

    private static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner("a shared secret of at least 256 bits!!".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withPayload(String jwt, JWTClaimsSet claims) {
        String[] parts = jwt.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
