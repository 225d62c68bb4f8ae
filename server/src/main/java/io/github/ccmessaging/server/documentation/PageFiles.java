package io.github.ccmessaging.server.documentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documentation page's files: this project's own ({@code /documentation/} on the class path: the page and its
 * initializer) and Swagger UI's, from the WebJar of the version the build pinned. Read once, kept in memory.
 */
final class PageFiles {
    private static final String OWN = "/documentation/";
    private static final String WEBJAR_VERSION = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "html", "text/html; charset=utf-8");

    /** A file and how it is served. */
    record File(byte[] content, String mediaType) {
    }

    private final String swaggerUi;
    private final Map<String, Optional<File>> read = new ConcurrentHashMap<>();

    private PageFiles(String swaggerUi) {
        this.swaggerUi = swaggerUi;
    }

    static PageFiles load() {
        Properties webjar = new Properties();
        try (InputStream in = PageFiles.class.getResourceAsStream(WEBJAR_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("The Swagger UI WebJar is not on the class path");
            }
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PageFiles("/META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version") + "/");
    }

    String page() {
        return text(OWN + "index.html");
    }

    /** One of the page's files by name (no folders): this project's first, then Swagger UI's. */
    Optional<File> asset(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String mediaType = MEDIA_TYPES.get(extension);
        if (mediaType == null || name.contains("/")) {
            return Optional.empty();
        }
        return read.computeIfAbsent(name, n -> bytes(OWN + n).or(() -> bytes(swaggerUi + n))
                .map(content -> new File(content, mediaType)));
    }

    static String text(String resource) {
        return bytes(resource).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException(resource + " is not on the class path"));
    }

    private static Optional<byte[]> bytes(String resource) {
        try (InputStream in = PageFiles.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
