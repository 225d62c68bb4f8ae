package io.github.ccmessaging.server.console;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The agent console: a page served at {@code /console} that watches the channel's conversations live and plays the
 * representative and the customer through the API. Its files are a fixed set read from the jar once (no path from a
 * request reaches the class path); the JavaScript libraries come from their WebJars. Every answer carries a
 * Content-Security-Policy that runs only the console's own scripts: no inline script, no other origin.
 */
@Singleton
@Path(ConsoleResource.PATH)
public final class ConsoleResource {
    static final String PATH = "/console";
    /** Scripts and styles from this origin only, never inline; images also from attachments' URLs; no frames. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: http: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";

    private record StaticFile(byte[] content, String type) {
    }

    private final Map<String, StaticFile> files = new HashMap<>();

    public ConsoleResource() {
        add("index.html", "console/index.html", HTML);
        add("console.js", "console/console.js", JAVASCRIPT);
        add("console.css", "console/console.css", CSS);
        add("lib/purify.min.js", webJar("dompurify", "dist/purify.min.js"), JAVASCRIPT);
        add("lib/marked.min.js", webJar("marked", "marked.min.js"), JAVASCRIPT);
    }

    @GET
    public Response page() {
        return answer("index.html");
    }

    @GET
    @Path("{file: .+}")
    public Response file(@PathParam("file") String file) {
        return answer(file);
    }

    private Response answer(String name) {
        StaticFile file = files.get(name);
        if (file == null) {
            throw new NotFoundException();
        }
        return Response.ok(file.content(), file.type())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-cache")
                .build();
    }

    private void add(String name, String resource, String type) {
        files.put(name, new StaticFile(read(resource), type));
    }

    /** A file of a WebJar on the class path, in the version the build put there. */
    private static String webJar(String artifact, String file) {
        Properties pom = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file;
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The console's file " + resource + " is missing from the class path");
        }
        return in;
    }
}
