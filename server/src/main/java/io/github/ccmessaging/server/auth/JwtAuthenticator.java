package io.github.ccmessaging.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.ccmessaging.server.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts a signed JWT whose issuer, audience and expiry check out and whose client id may use the channel. */
final class JwtAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final int CLOCK_SKEW_SECONDS = 60;
    // Entra v2 tokens name the calling application in azp, v1 tokens in appid
    private static final String[] CLIENT_ID_CLAIMS = {"azp", "appid"};

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, Set<String>> clientChannels;

    JwtAuthenticator(JwtSettings settings) {
        this.clientChannels = settings.clientChannels();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys(settings)));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("iss", "aud", "exp"), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public boolean permits(String bearerToken, Channel channel) {
        return clientId(bearerToken)
                .map(id -> clientChannels.getOrDefault(id, Set.of()).contains(channel.channelId()))
                .orElse(false);
    }

    private Optional<String> clientId(String bearerToken) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (KeySourceException e) {
            LOG.warn("JWT refused: no JWK set to check it against: {}", e.getMessage());
            return Optional.empty();
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("JWT refused: {}", e.getMessage());
            return Optional.empty();
        }
        for (String name : CLIENT_ID_CLAIMS) {
            Object value = claims.getClaim(name);
            if (value instanceof String clientId && !clientId.isBlank()) {
                return Optional.of(clientId);
            }
        }
        LOG.debug("JWT refused: it has neither an azp nor an appid claim");
        return Optional.empty();
    }

    private static JWKSource<SecurityContext> keys(JwtSettings settings) {
        if (settings.jwksUrl() != null) {
            try {
                return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL()).retrying(true).build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Not a JWKS URL: " + settings.jwksUrl(), e);
            }
        }
        try {
            return new ImmutableJWKSet<>(JWKSet.load(settings.keyFile().toFile()).toPublicJWKSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT key file " + settings.keyFile(), e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The JWT key file is not a JWK set: " + settings.keyFile(), e);
        }
    }
}
