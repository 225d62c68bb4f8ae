package io.github.ccmessaging.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A container of the image, started detached with its port 8080 published on a free port of 127.0.0.1. */
final class RunningContainer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final ContainerEngine engine;
    final String name;
    final URI baseUri;
    /** From the start command to the first 200 of {@code GET /health}. */
    final Duration startTime;

    private RunningContainer(ContainerEngine engine, String name, URI baseUri, Duration startTime) {
        this.engine = engine;
        this.name = name;
        this.baseUri = baseUri;
        this.startTime = startTime;
    }

    /** Starts the image with these extra {@code run} options (volumes, environment) and waits for its health. */
    static RunningContainer start(ContainerEngine engine, String image, String name, String... runOptions) {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "-p", "127.0.0.1::8080"));
        run.addAll(List.of(runOptions));
        run.add(image);
        Instant started = Instant.now();
        engine.run(run.toArray(String[]::new));
        URI baseUri = URI.create("http://" + engine.run("port", name, "8080").lines().findFirst().orElseThrow());
        if (!answersHealthWithin(baseUri, started.plus(START_TIMEOUT))) {
            String log = engine.execute("logs", name).output();
            engine.execute("rm", "-f", "-v", name);
            throw new IllegalStateException(name + " did not answer GET /health with 200 within " + START_TIMEOUT
                    + "; its log:\n" + log);
        }
        return new RunningContainer(engine, name, baseUri, Duration.between(started, Instant.now()));
    }

    private static boolean answersHealthWithin(URI baseUri, Instant deadline) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/health")).timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet (or the published port's proxy answered before the server did)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it the way an operator does (SIGTERM, then the server closes its store). */
    void stop() {
        engine.run("stop", "--time", "30", name);
    }

    @Override
    public void close() {
        engine.execute("rm", "-f", "-v", name);
    }
}
