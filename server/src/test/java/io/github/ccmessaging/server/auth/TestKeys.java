package io.github.ccmessaging.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Key pairs made by the test, and tokens signed with them as an Entra-like issuer would. */
final class TestKeys {
    static final String ISSUER = "https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0";
    static final String AUDIENCE = "https://c0ffee00000040008000000000000002-c.crm.dynamics.com";
    static final String CLIENT_ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    final RSAKey rsa = generateRsa("rsa-1");
    final ECKey ec = generateEc();

    /** The public keys as a JWK set document. */
    String publicJwkSet() {
        return new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
    }

    Path writePublicJwkSet(Path dir) {
        try {
            return Files.writeString(dir.resolve("jwks.json"), publicJwkSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims of a valid token of {@link #CLIENT_ID}, issued now, valid for an hour. */
    static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).claim("azp", CLIENT_ID)
                .subject("service-principal").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    String signRs256(JWTClaimsSet claims) {
        return sign(rsa, claims);
    }

    String signEs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.ES256, ec.getKeyID()), claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, key.getKeyID()), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey generateRsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String keyId) {
        return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build();
    }
}
