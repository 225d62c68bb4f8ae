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
 * @param emulator whether the emulator's endpoints ({@code /emulator/**}: the representative's side, channel
 *        registration, reset) are served; without them the server is a reference service of the consumer API alone
 */
public record AppOptions(JwtSettings jwt, HttpLimits limits, WebhookPolicy webhooks, boolean emulator) {

    /** Options with the emulator's endpoints. */
    public AppOptions(JwtSettings jwt, HttpLimits limits, WebhookPolicy webhooks) {
        this(jwt, limits, webhooks, true);
    }

    /** Static tokens only, 16 MiB bodies, no rate limit, 10 s × (1 + 3 retries) webhook deliveries, emulator on. */
    public static AppOptions defaults() {
        return new AppOptions(null, HttpLimits.defaults(), WebhookPolicy.defaults());
    }

    public AppOptions withJwt(JwtSettings newJwt) {
        return new AppOptions(newJwt, limits, webhooks, emulator);
    }

    public AppOptions withLimits(HttpLimits newLimits) {
        return new AppOptions(jwt, newLimits, webhooks, emulator);
    }

    public AppOptions withWebhooks(WebhookPolicy newWebhooks) {
        return new AppOptions(jwt, limits, newWebhooks, emulator);
    }

    /** These options with the emulator's endpoints served or not. */
    public AppOptions withEmulator(boolean served) {
        return new AppOptions(jwt, limits, webhooks, served);
    }
}
