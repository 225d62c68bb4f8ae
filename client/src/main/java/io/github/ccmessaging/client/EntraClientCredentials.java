package io.github.ccmessaging.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Access tokens for the Messaging API from Microsoft Entra ID by the OAuth 2.0 client-credentials flow, as the
 * Messaging API documentation describes it: {@code POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token}
 * with the form fields {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret} and
 * {@code scope=https://{organizationIdWithoutDashes}-c.{zone}.dynamics.com/.default}.
 *
 * <p>Give it to {@link MessagingClient.Builder#tokenSupplier(Supplier)}. A token is fetched on first use and
 * cached until five minutes before it expires (half its lifetime for tokens that live less than ten minutes);
 * then the next call fetches a new one. Instances are thread-safe: concurrent callers share one fetch.
 *
 * <pre>{@code
 * EntraClientCredentials tokens = EntraClientCredentials.builder()
 *         .tenantId("contoso.onmicrosoft.com")
 *         .clientId(System.getenv("ENTRA_CLIENT_ID"))
 *         .clientSecret(System.getenv("ENTRA_CLIENT_SECRET"))
 *         .scope(EntraClientCredentials.scopeFor(organizationId, "crm4"))
 *         .build();
 * MessagingClient client = MessagingClient.builder().baseUri(baseUri).channelId(channelId)
 *         .organizationId(organizationId).tokenSupplier(tokens).build();
 * }</pre>
 *
 * <p>Errors: {@link #get()} throws {@link EntraTokenException} with Entra's {@code error} code when the token
 * request is refused or fails; the client secret never appears in a message.
 */
public final class EntraClientCredentials implements Supplier<String> {

    private static final Duration EARLY_REFRESH = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_TEXT_IN_MESSAGE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final HttpClient http;
    private final Clock clock;
    private final Object fetchLock = new Object();
    private volatile CachedToken cached;

    /** A token and the instant from which it is fetched anew. */
    private record CachedToken(String value, Instant refreshAt) {
    }

    private EntraClientCredentials(Builder builder, URI tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.scope = builder.scope;
        this.http = builder.http != null ? builder.http
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
        this.clock = builder.clock;
    }

    /**
     * Starts the configuration; {@code clientId}, {@code clientSecret}, {@code scope} and either
     * {@code tenantId} or {@code tokenEndpoint} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The documented scope of the Messaging API for an organization:
     * {@code https://{organizationIdWithoutDashes}-c.{zone}.dynamics.com/.default}.
     *
     * @param organizationId the organization's GUID, with or without dashes
     * @param zone the zone of the organization's datacenter region, e.g. {@code crm} (North America) or
     *             {@code crm4} (Europe)
     * @return the scope, e.g. {@code https://c0ffee00000040008000000000000002-c.crm4.dynamics.com/.default}
     * @throws IllegalArgumentException when the organization id is not a GUID or the zone is not a host label
     */
    public static String scopeFor(String organizationId, String zone) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(zone, "zone");
        String compact = organizationId.replace("-", "").toLowerCase(Locale.ROOT);
        if (!compact.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("organizationId must be a GUID: " + organizationId);
        }
        if (!zone.matches("[A-Za-z0-9]+(\\.[A-Za-z0-9-]+)*")) {
            throw new IllegalArgumentException("zone must be like crm or crm4: " + zone);
        }
        return "https://" + compact + "-c." + zone.toLowerCase(Locale.ROOT) + ".dynamics.com/.default";
    }

    /**
     * Returns a valid access token: the cached one, or a new one from Entra when there is none or it expires
     * within the refresh margin.
     *
     * @return the access token, without the {@code Bearer } prefix
     * @throws EntraTokenException when Entra refuses the request, answers no token or cannot be reached
     */
    @Override
    public String get() {
        CachedToken token = cached;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        synchronized (fetchLock) {
            token = cached;
            if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                token = fetch();
                cached = token;
            }
            return token.value();
        }
    }

    /** Where tokens are requested. */
    URI tokenEndpoint() {
        return tokenEndpoint;
    }

    private CachedToken fetch() {
        Instant requested = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EntraTokenException("Cannot get a token from " + tokenEndpoint + ": " + redact(e.toString()),
                    0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraTokenException("Interrupted while getting a token from " + tokenEndpoint, 0, null, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw refused(response.statusCode(), body, response.body());
        }
        JsonNode accessToken = body.path("access_token");
        if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new EntraTokenException("The token endpoint " + tokenEndpoint + " answered HTTP "
                    + response.statusCode() + " without an access_token", response.statusCode(), null, null);
        }
        // without expires_in the token is used once: better a fetch too many than an expired token
        Duration lifetime = Duration.ofSeconds(Math.max(0, body.path("expires_in").asLong(0)));
        Duration margin = lifetime.dividedBy(2).compareTo(EARLY_REFRESH) < 0 ? lifetime.dividedBy(2) : EARLY_REFRESH;
        return new CachedToken(accessToken.asText(), requested.plus(lifetime).minus(margin));
    }

    private String form() {
        return "grant_type=client_credentials"
                + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode(scope);
    }

    private EntraTokenException refused(int status, JsonNode body, String rawBody) {
        String error = body.path("error").isTextual() ? body.path("error").asText() : null;
        String description = body.path("error_description").isTextual()
                ? body.path("error_description").asText()
                : error == null ? rawBody : null;
        StringBuilder message = new StringBuilder("Microsoft Entra refused the token request for client ")
                .append(clientId).append(" (HTTP ").append(status);
        if (error != null) {
            message.append(", ").append(error);
        }
        message.append(')');
        if (description != null && !description.isBlank()) {
            message.append(": ").append(shorten(redact(description)));
        }
        return new EntraTokenException(message.toString(), status, error, null);
    }

    private String redact(String text) {
        return text.replace(clientSecret, "***");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT_IN_MESSAGE ? text : text.substring(0, MAX_TEXT_IN_MESSAGE) + "…";
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node == null ? JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Configures an {@link EntraClientCredentials}. Required: {@link #clientId(String)},
     * {@link #clientSecret(String)}, {@link #scope(String)}, and {@link #tenantId(String)} or
     * {@link #tokenEndpoint(URI)}. A builder is not thread-safe.
     */
    public static final class Builder {

        private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

        private String tenantId;
        private String clientId;
        private String clientSecret;
        private String scope;
        private URI tokenEndpoint;
        private HttpClient http;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the Entra tenant that issues the tokens; the token endpoint is then
         * {@code https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token}.
         *
         * @param tenantId the tenant's GUID or a verified domain, e.g. {@code contoso.onmicrosoft.com}
         * @return this builder
         */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * Sets the application (client) id of the app registration, the value in the channel's
         * {@code msdyn_appid}.
         *
         * @param clientId the application id, a GUID
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets a client secret of the app registration.
         *
         * @param clientSecret the secret's value (not its id)
         * @return this builder
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * Sets the scope requested, normally {@link EntraClientCredentials#scopeFor(String, String)}.
         *
         * @param scope e.g. {@code https://c0ffee00000040008000000000000002-c.crm.dynamics.com/.default}
         * @return this builder
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Overrides the token endpoint, e.g. for a national cloud or a local test double; the tenant id is then
         * not needed.
         *
         * @param tokenEndpoint an absolute {@code http} or {@code https} URI
         * @return this builder
         * @throws IllegalArgumentException when the URI is not absolute http(s)
         */
        public Builder tokenEndpoint(URI tokenEndpoint) {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            String scheme = tokenEndpoint.getScheme();
            if (tokenEndpoint.getHost() == null
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("tokenEndpoint must be an absolute http(s) URI: " + tokenEndpoint);
            }
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        /**
         * Sets the JDK HTTP client used for token requests, e.g. one with a proxy. Requests use HTTP/1.1
         * whatever the client's default version. Default: a new client with a 10-second connect timeout.
         *
         * @param httpClient the client to use
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.http = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Sets the clock that decides when a cached token is too old (default: the system clock); for tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the token supplier; no request is sent before the first {@link EntraClientCredentials#get()}.
         *
         * @return a new, thread-safe token supplier
         * @throws IllegalStateException when a required value is missing or blank, or the tenant id is not a
         *                               GUID or domain name
         */
        public EntraClientCredentials build() {
            require(clientId, "clientId");
            require(clientSecret, "clientSecret");
            require(scope, "scope");
            URI endpoint = tokenEndpoint;
            if (endpoint == null) {
                require(tenantId, "tenantId");
                if (!TENANT.matcher(tenantId).matches()) {
                    throw new IllegalStateException("EntraClientCredentials: tenantId must be a GUID or domain name");
                }
                endpoint = URI.create("https://login.microsoftonline.com/" + tenantId + "/oauth2/v2.0/token");
            }
            return new EntraClientCredentials(this, endpoint);
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("EntraClientCredentials: " + name + " is required");
            }
        }
    }
}
