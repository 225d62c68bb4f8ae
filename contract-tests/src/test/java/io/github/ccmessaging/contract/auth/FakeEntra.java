package io.github.ccmessaging.contract.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Microsoft Entra ID: a v2.0 token endpoint for the client-credentials grant of the
 * registered clients, and the JWKS URL with the public key its tokens are signed with.
 */
final class FakeEntra implements AutoCloseable {
    static final String TENANT = "11111111-2222-4333-8444-555555555555";
    static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";

    private final RSAKey key;
    private final HttpServer server;
    private final Map<String, String> secrets = new HashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    FakeEntra() {
        try {
            key = new RSAKeyGenerator(2048).keyID("entra-test").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/" + TENANT + "/oauth2/v2.0/token", this::token);
        server.createContext("/" + TENANT + "/discovery/v2.0/keys", exchange ->
                reply(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    /** Registers a confidential client. */
    FakeEntra client(String clientId, String secret) {
        secrets.put(clientId, secret);
        return this;
    }

    URI tokenEndpoint() {
        return base().resolve("/" + TENANT + "/oauth2/v2.0/token");
    }

    URI jwksUrl() {
        return base().resolve("/" + TENANT + "/discovery/v2.0/keys");
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String clientId = form.get("client_id");
        String scope = form.getOrDefault("scope", "");
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            reply(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else if (clientId == null || !secrets.containsKey(clientId)
                || !secrets.get(clientId).equals(form.get("client_secret"))) {
            reply(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":"
                    + "\"AADSTS7000215: Invalid client secret provided.\"}");
        } else if (!scope.endsWith("/.default")) {
            reply(exchange, 400, "{\"error\":\"invalid_scope\"}");
        } else {
            String audience = scope.substring(0, scope.length() - "/.default".length());
            tokensIssued.incrementAndGet();
            reply(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\""
                    + sign(clientId, audience) + "\"}");
        }
    }

    private String sign(String clientId, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).claim("azp", clientId)
                .claim("tid", TENANT).subject(clientId).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3599))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
