package io.github.ccmessaging.container;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The image's health check: {@code GET /health} on the server in the same container, exit status 0 when it answers
 * {@code 200}, 1 otherwise. A minimal image has no {@code curl}; this needs only {@code java.base}.
 *
 * <p>The port is {@code MESSAGING_PORT} (8080 when unset), the one the server reads too.
 */
public final class HealthProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthProbe() {
    }

    /**
     * Probes once and exits.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        URI health = healthUri(System.getenv());
        int status = statusOf(health);
        System.out.println("GET " + health + " -> " + (status < 0 ? "no answer" : status));
        System.exit(exitStatus(status));
    }

    /** 0 (healthy) for a {@code 200}; 1 (unhealthy) for any other status and for no answer. */
    static int exitStatus(int httpStatus) {
        return httpStatus == 200 ? 0 : 1;
    }

    static URI healthUri(Map<String, String> environment) {
        String port = environment.getOrDefault("MESSAGING_PORT", "8080").strip();
        return URI.create("http://127.0.0.1:" + Integer.parseInt(port) + "/health");
    }

    /** The status the server answered, or -1 when it did not answer in time. */
    static int statusOf(URI health) {
        try {
            HttpURLConnection connection = (HttpURLConnection) health.toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
