package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's promise, tested on a real process: what was acknowledged survives {@code kill -9}, and a
 * webhook delivery cut off by the crash is made after the restart.
 */
class CrashDurabilityTest {
    private static final int SENDERS = 8;
    /**
     * Seconds per webhook attempt: the attempt cut off by the kill counts against the 1 + 3 attempts, and a fresh JVM's
     * first delivery on a loaded machine takes a while, so the attempts after the restart must have room.
     */
    private static final String WEBHOOK_TIMEOUT = "5";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedActivitySurvivesAKillInTheMiddleOfConcurrentLoadAndNothingIsHalfWritten() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        String conversation;
        try (ServerProcess server = ServerProcess.start("--data-dir", dataDir.toString())) {
            conversation = server.dev().newConversation();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch enough = new CountDownLatch(300);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int t = 0; t < SENDERS; t++) {
                int thread = t;
                senders.execute(() -> {
                    ApiCalls api = server.dev();
                    for (int n = 0; !stop.get(); n++) {
                        String id = "s" + thread + "-" + n;
                        sent.incrementAndGet();
                        try {
                            ApiCalls.Reply reply = api.send(conversation, activity(id));
                            if (reply.status() == 200) {
                                acknowledged.put(id, reply.messageId());
                                enough.countDown();
                            }
                        } catch (RuntimeException killed) {
                            return;
                        }
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("300 acknowledged under load").isTrue();

            server.kill();

            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sent.get()).isGreaterThan(acknowledged.size());
        }

        try (ServerProcess restarted = ServerProcess.start("--data-dir", dataDir.toString())) {
            ApiCalls api = restarted.dev();
            Map<String, String> stored = new LinkedHashMap<>();
            List<Long> order = new ArrayList<>();
            for (JsonNode entry : api.transcript(conversation)) {
                JsonNode activity = entry.get("activity");
                assertThat(activity.get("type").asText()).isEqualTo("message");
                assertThat(activity.get("text").asText()).isEqualTo("load " + activity.get("id").asText());
                stored.put(activity.get("id").asText(), entry.get("messageId").asText());
                order.add(entry.get("messageId").asLong());
            }
            assertThat(stored).containsAllEntriesOf(acknowledged);
            assertThat(stored.size()).isLessThanOrEqualTo(acknowledged.size() + SENDERS);
            assertThat(order).isSorted().doesNotHaveDuplicates();

            String someId = acknowledged.keySet().iterator().next();
            ApiCalls.Reply retried = api.send(conversation, activity(someId));
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.messageId()).isEqualTo(acknowledged.get(someId));
            ApiCalls.Reply next = api.send(conversation, activity("after-restart"));
            assertThat(next.status()).isEqualTo(200);
            assertThat(Long.parseLong(next.messageId())).isGreaterThan(order.get(order.size() - 1));
        }
    }

    @Test
    void conversationsContextAndChannelRegistrationsSurviveARestart() throws Exception {
        String conversation;
        String registered = "0a0a0a0a-0000-4000-8000-000000000042";
        try (ServerProcess server = ServerProcess.start("--data-dir", dataDir.toString())) {
            ApiCalls api = server.dev();
            conversation = api.newConversation();
            assertThat(api.post("/emulator/conversations/" + conversation + "/context",
                    "{\"context\":{\"plan\":{\"value\":\"gold\"}}}").status()).isEqualTo(200);
            assertThat(api.put("/emulator/channels/" + registered, "{\"organizationId\":\""
                    + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"registered-token\"}").status()).isEqualTo(200);
            server.kill();
        }
        try (ServerProcess restarted = ServerProcess.start("--data-dir", dataDir.toString())) {
            ApiCalls api = restarted.dev();
            JsonNode context = api.get("/api/v1.0/consumer/conversation/" + conversation + "/context").json();
            assertThat(context.toString()).contains("\"plan\"").contains("\"gold\"");
            ApiCalls asRegistered = restarted.as(new io.github.ccmessaging.server.channel.Channel(registered,
                    ServerSettings.DEV_ORGANIZATION_ID, "registered-token"));
            assertThat(asRegistered.create("{}").status()).isEqualTo(200);
        }
    }

    /**
     * Also: the attempt cut off is counted (the transcript shows as many attempts as the webhook saw), and without
     * {@code --webhook-token} every delivery carries the token generated at start, never the channel's API token.
     */
    @Test
    void aWebhookDeliveryCutOffByACrashIsMadeAfterTheRestartAndCounted() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> webhookTokens = new ArrayList<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch releaseHung = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.setExecutor(Executors.newCachedThreadPool());
        webhook.createContext("/hook", exchange -> {
            received.add(body(exchange.getRequestBody()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (calls.incrementAndGet() == 1) {
                firstArrived.countDown();
                await(releaseHung);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        try {
            String conversation;
            List<String> messageIds = new ArrayList<>();
            try (ServerProcess server = ServerProcess.start("--data-dir", dataDir.toString(), "--webhook-url", url,
                    "--webhook-timeout", WEBHOOK_TIMEOUT)) {
                webhookTokens.add(webhookTokenIn(server));
                ApiCalls api = server.dev();
                conversation = api.newConversation();
                for (String text : List.of("first", "second")) {
                    ApiCalls.Reply reply = api.post("/emulator/conversations/" + conversation + "/activities",
                            "{\"type\":\"message\",\"text\":\"" + text + "\"}");
                    assertThat(reply.status()).isEqualTo(200);
                    messageIds.add(reply.messageId());
                }
                assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();

                server.kill();
            }
            releaseHung.countDown();

            try (ServerProcess restarted = ServerProcess.start("--data-dir", dataDir.toString(), "--webhook-url", url,
                    "--webhook-timeout", WEBHOOK_TIMEOUT)) {
                webhookTokens.add(webhookTokenIn(restarted));
                ApiCalls api = restarted.dev();
                List<String> statuses = new ArrayList<>();
                Map<String, Integer> attempts = new LinkedHashMap<>();
                for (int i = 0; i < 600 && !statuses.equals(List.of("delivered", "delivered")); i++) {
                    Thread.sleep(100);
                    statuses.clear();
                    for (JsonNode entry : api.transcript(conversation)) {
                        statuses.add(entry.path("delivery").path("status").asText());
                        attempts.put(entry.get("messageId").asText(), entry.path("delivery").path("attempts").asInt());
                    }
                }
                assertThat(statuses).as("%s", api.transcript(conversation)).containsExactly("delivered", "delivered");
                Map<String, Integer> seen = new LinkedHashMap<>();
                received.stream().map(CrashDurabilityTest::idIn).forEach(id -> seen.merge(id, 1, Integer::sum));
                // the cut-off attempt and the one after the restart; never more than the webhook saw (the JDK's client
                // may resend a POST on its own when a kept-alive connection turns out closed)
                assertThat(attempts.get(messageIds.get(0))).as("attempts of the cut-off delivery, seen %s", seen)
                        .isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(seen.get(messageIds.get(0)));
                assertThat(attempts.get(messageIds.get(1))).isGreaterThanOrEqualTo(1)
                        .isLessThanOrEqualTo(seen.get(messageIds.get(1)));
            }
            // At least once, in order: the cut-off first again (a slow attempt may be retried), then the second.
            List<String> ids = received.stream().map(CrashDurabilityTest::idIn).toList();
            int firstOfSecond = ids.indexOf(messageIds.get(1));
            assertThat(firstOfSecond).as("order of %s", ids).isGreaterThanOrEqualTo(2);
            assertThat(ids.subList(0, firstOfSecond)).containsOnly(messageIds.get(0));
            assertThat(ids.subList(firstOfSecond, ids.size())).containsOnly(messageIds.get(1));
            assertThat(webhookTokens).doesNotContain(ServerSettings.DEV_TOKEN).doesNotHaveDuplicates();
            assertThat(authorizations).isNotEmpty().allSatisfy(authorization -> assertThat(authorization)
                    .isIn("Bearer " + webhookTokens.get(0), "Bearer " + webhookTokens.get(1))
                    .doesNotContain(ServerSettings.DEV_TOKEN));
        } finally {
            releaseHung.countDown();
            webhook.stop(0);
        }
    }

    private static String activity(String id) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"load " + id + "\"}";
    }


    /** The webhook token a server without {@code --webhook-token} printed in its banner (read a moment after). */
    private static String webhookTokenIn(ServerProcess server) throws InterruptedException {
        Pattern generated = Pattern.compile("webhook token: +([0-9a-f]{32,}) \\(generated");
        Matcher token = generated.matcher(server.output());
        for (int i = 0; i < 100 && !token.find(); i++) {
            Thread.sleep(100);
            token = generated.matcher(server.output());
        }
        assertThat(token.find(0)).as("generated webhook token in the banner:%n%s", server.output()).isTrue();
        return token.group(1);
    }

    private static String idIn(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
