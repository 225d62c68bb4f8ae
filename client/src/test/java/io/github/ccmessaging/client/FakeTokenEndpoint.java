package io.github.ccmessaging.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An Entra-like token endpoint on a free local port: records each request and answers with a JWT it signs with its
 * own RSA key ({@code expires_in} as set), or with a canned error.
 */
final class FakeTokenEndpoint implements AutoCloseable {
    static final String PATH = "/test-tenant/oauth2/v2.0/token";

    /** One token request as received. */
    record TokenRequest(String method, String path, String protocol, String contentType, Map<String, String> form) {
    }

    final RSAKey key;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Long expiresIn = 3600L;
    private volatile Duration delay = Duration.ZERO;
    private volatile int errorStatus;
    private volatile String errorBody;

    FakeTokenEndpoint() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-entra").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** The {@code expires_in} of later tokens; {@code null}: leave it out. */
    void expiresIn(Long seconds) {
        expiresIn = seconds;
    }

    void delayResponses(Duration newDelay) {
        delay = newDelay;
    }

    /** Answers every later request with this status and body. */
    void fail(int status, String body) {
        errorStatus = status;
        errorBody = body;
    }

    List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parseForm(body);
            requests.add(new TokenRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getProtocol(), exchange.getRequestHeaders().getFirst("Content-Type"), form));
            Thread.sleep(delay.toMillis());
            int status = errorStatus == 0 ? 200 : errorStatus;
            String answer = errorStatus == 0 ? tokenResponse(form.get("client_id")) : errorBody;
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tokenResponse(String clientId) {
        Long lifetime = expiresIn;
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://login.example.test/test-tenant/v2.0")
                .audience("https://c0ffee00000040008000000000000002-c.crm.dynamics.com").claim("azp", clientId)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetime == null ? 3600 : lifetime))).build();
        String token = sign(claims);
        return "{\"token_type\":\"Bearer\"," + (lifetime == null ? "" : "\"expires_in\":" + lifetime + ",")
                + "\"ext_expires_in\":3599,\"access_token\":\"" + token + "\"}";
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
