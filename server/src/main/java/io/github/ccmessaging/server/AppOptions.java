package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.webhook.WebhookPolicy;

/**
 * The tunable parts of the application.
 *
 * @param jwt how JWT bearer tokens are accepted besides the static ones; null: not at all
 * @param limits body-size and rate limits
 * @param webhooks timeout and retries of webhook deliveries
 */
public record AppOptions(JwtSettings jwt, HttpLimits limits, WebhookPolicy webhooks) {

    /** Static tokens only, 16 MiB bodies, no rate limit, 10 s × (1 + 3 retries) webhook deliveries. */
    public static AppOptions defaults() {
        return new AppOptions(null, HttpLimits.defaults(), WebhookPolicy.defaults());
    }

    public AppOptions withJwt(JwtSettings newJwt) {
        return new AppOptions(newJwt, limits, webhooks);
    }

    public AppOptions withLimits(HttpLimits newLimits) {
        return new AppOptions(jwt, newLimits, webhooks);
    }

    public AppOptions withWebhooks(WebhookPolicy newWebhooks) {
        return new AppOptions(jwt, limits, newWebhooks);
    }
}
