package io.github.ccmessaging.bench.start;

import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process cost a test pays, in one fresh JVM: the first start of the server to the first 200 of a create, the
 * starts after it in the same JVM (a test class after another), and resets of a server holding conversations. The
 * server is started as the JUnit extension starts it: {@code MessagingServer.start}, in memory, a free port, no
 * request log. Prints one JSON line.
 *
 * <p>{@code java -cp messaging-server.jar:classes io.github.ccmessaging.bench.start.ServerStarts [--starts 5]
 * [--resets 50] [--conversations 100]}
 */
public final class ServerStarts {
    private ServerStarts() {
    }

    public static void main(String[] args) throws Exception {
        int starts = FirstAnswer.option(args, "--starts", 5);
        int resets = FirstAnswer.option(args, "--resets", 50);
        int conversations = FirstAnswer.option(args, "--conversations", 100);
        FirstAnswer answer = new FirstAnswer();
        ServerSettings settings = ServerSettings.builder().port(0).requestLog(false).build();

        List<Double> toFirst200 = new ArrayList<>();
        List<Double> toListening = new ArrayList<>();
        long answeredAt = 0;
        for (int i = 0; i < starts; i++) {
            long t0 = System.nanoTime();
            try (MessagingServer server = MessagingServer.start(settings)) {
                toListening.add(FirstAnswer.millisSince(t0));
                answer.create(server.baseUri(), "{}");
                toFirst200.add(FirstAnswer.millisSince(t0));
                if (i == 0) {
                    answeredAt = System.currentTimeMillis();
                }
            }
        }

        List<Double> resetMillis = new ArrayList<>();
        List<Double> emptyResetMillis = new ArrayList<>();
        try (MessagingServer server = MessagingServer.start(settings)) {
            for (int r = 0; r < resets; r++) {
                for (int c = 0; c < conversations; c++) {
                    answer.create(server.baseUri(), "{\"customercontext\":{\"customerid\":\"" + c + "\"},"
                            + "\"startmessage\":{\"message\":\"Where is my order?\",\"displayname\":\"John\"}}");
                }
                long t0 = System.nanoTime();
                server.reset();
                resetMillis.add(FirstAnswer.millisSince(t0));
                t0 = System.nanoTime();
                server.reset();
                emptyResetMillis.add(FirstAnswer.millisSince(t0));
            }
        }

        System.out.println("{\"contender\":\"server\",\"answered_at_epoch_ms\":" + answeredAt
                + ",\"first_ms\":" + FirstAnswer.number(toFirst200.get(0))
                + ",\"second_ms\":" + (starts > 1 ? FirstAnswer.number(toFirst200.get(1)) : "null")
                + ",\"starts_ms\":" + FirstAnswer.json(toFirst200)
                + ",\"listening_ms\":" + FirstAnswer.json(toListening)
                + ",\"reset_ms\":" + (resets > 0 ? FirstAnswer.number(FirstAnswer.median(resetMillis)) : "null")
                + ",\"first_reset_ms\":" + (resets > 0 ? FirstAnswer.number(resetMillis.get(0)) : "null")
                + ",\"reset_empty_ms\":"
                + (resets > 0 ? FirstAnswer.number(FirstAnswer.median(emptyResetMillis)) : "null")
                + ",\"reset_conversations\":" + conversations + "}");
    }
}
