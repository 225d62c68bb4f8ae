package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A send answers once its store has committed the activity, and holds no request thread while the commit is pending:
 * the server here has a single request thread and a store whose commits the test releases.
 */
class PendingCommitTest {
    private final Clock clock = Clock.systemUTC();
    private final CommitGate gate = new CommitGate(TestStores.memory(clock));
    private final ExecutorService customers = Executors.newFixedThreadPool(3);
    private MessagingServer server;
    private ApiCalls api;
    private String conversation;

    @BeforeEach
    void startWithOneRequestThread() throws Exception {
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(gate.store)).requestThreads(1).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
        Future<String> created = customers.submit(api::newConversation);
        gate.awaitPending(1);
        gate.commitAll();
        conversation = created.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        customers.shutdownNow();
        server.close();
    }

    private Future<ApiCalls.Reply> sendInBackground(String text) {
        return customers.submit(() -> api.message(conversation, text));
    }

    @Test
    void sendsWaitingForTheirCommitLeaveTheOnlyRequestThreadFree() throws Exception {
        List<Future<ApiCalls.Reply>> sends = IntStream.range(0, 3).mapToObj(i -> sendInBackground("m" + i)).toList();

        gate.awaitPending(3);
        ApiCalls.Reply meanwhile = api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages");
        assertThat(meanwhile.status()).isEqualTo(200);
        assertThat(meanwhile.json().get("messages")).isEmpty();
        assertThat(sends).noneMatch(Future::isDone);

        gate.commitAll();
        List<ApiCalls.Reply> replies = sends.stream().map(PendingCommitTest::reply).toList();
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(200));
        assertThat(replies.stream().map(ApiCalls.Reply::messageId).distinct()).hasSize(3);
        assertThat(gate.store.activities(TestServer.DEV.channelId(), conversation)).hasSize(3);
    }

    @Test
    void createsAndReadReceiptsWaitingForTheirCommitLeaveTheOnlyRequestThreadFree() throws Exception {
        String representative = gate.store.append(TestServer.DEV.channelId(), conversation, new NewActivity(null,
                "message", "{\"type\":\"message\",\"text\":\"hi\"}", clock.instant(), false, Sender.REPRESENTATIVE))
                .orElseThrow()
                .messageId() + "";
        Future<ApiCalls.Reply> create = customers.submit(() -> api.create("{}"));
        Future<ApiCalls.Reply> read = customers.submit(() -> api.send(conversation, "{\"type\":\"event\","
                + "\"name\":\"MessageRead\",\"value\":{\"messageId\":\"" + representative + "\"}}"));

        gate.awaitPending(2);
        assertThat(api.get("/api/v1.0/consumer/conversations").status()).isEqualTo(200);
        assertThat(create.isDone() || read.isDone()).isFalse();

        gate.commitAll(); // the read receipt's second write, queued once its activity is stored, commits here too
        assertThat(reply(create).status()).isEqualTo(200);
        assertThat(reply(read).status()).as(reply(read).body()).isEqualTo(200);
        assertThat(gate.store.find(TestServer.DEV.channelId(), conversation).orElseThrow().readUpTo())
                .isEqualTo(Long.parseLong(representative));
    }

    @Test
    void aCommitThatFailsAnswers503WithRetryAfterAsProblemDetails() throws Exception {
        Future<ApiCalls.Reply> send = sendInBackground("lost");
        gate.awaitPending(1);

        gate.failAll(new StoreFailure("The database failed to store the change", null));

        ApiCalls.Reply reply = reply(send);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.headers().get("Retry-After")).containsExactly("1");
        assertThat(reply.body()).doesNotContain("Exception");
        assertThat(gate.store.activities(TestServer.DEV.channelId(), conversation)).isEmpty();
    }

    @Test
    void aConversationClosedBeforeTheCommitAnswers404With30013() throws Exception {
        Future<ApiCalls.Reply> send = sendInBackground("too late");
        gate.awaitPending(1);
        assertThat(gate.store.close(TestServer.DEV.channelId(), conversation)).isTrue();

        gate.commitAll();

        ApiCalls.Reply reply = reply(send);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.errorCode()).isEqualTo(30013);
    }

    private static ApiCalls.Reply reply(Future<ApiCalls.Reply> send) {
        try {
            return send.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to the send", e);
        }
    }

    /**
     * A store whose asynchronous writes ({@code createAsync}, {@code appendAsync}, {@code markReadAsync}) wait until
     * the test commits them, by running their synchronous twin, or fails them; everything else passes straight on.
     */
    private static final class CommitGate implements InvocationHandler {
        private record Pending(Method write, Object[] args, CompletableFuture<Object> answer) {
        }

        final ConversationStore store;
        private final ConversationStore delegate;
        private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

        CommitGate(ConversationStore delegate) {
            this.delegate = delegate;
            this.store = (ConversationStore) Proxy.newProxyInstance(ConversationStore.class.getClassLoader(),
                    new Class<?>[] {ConversationStore.class}, this);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getName().endsWith("Async")) {
                Method write = ConversationStore.class.getMethod(
                        method.getName().substring(0, method.getName().length() - "Async".length()),
                        method.getParameterTypes());
                Pending waiting = new Pending(write, args, new CompletableFuture<>());
                pending.add(waiting);
                return waiting.answer();
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        void awaitPending(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pending.size() < count) {
                assertThat(System.nanoTime()).as("%d writes waiting for their commit", count).isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        void commitAll() throws Exception {
            for (Pending write; (write = pending.poll()) != null; ) {
                write.answer().complete(write.write().invoke(delegate, write.args()));
            }
        }

        void failAll(RuntimeException failure) {
            for (Pending write; (write = pending.poll()) != null; ) {
                write.answer().completeExceptionally(failure);
            }
        }
    }
}
