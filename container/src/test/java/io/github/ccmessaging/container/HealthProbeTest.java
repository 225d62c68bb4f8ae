package io.github.ccmessaging.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Nested
    class Address {

        @Test
        void isTheHealthEndpointOnLoopbackAtPort8080ByDefault() {
            assertThat(HealthProbe.healthUri(Map.of())).isEqualTo(URI.create("http://127.0.0.1:8080/health"));
        }

        @Test
        void followsMessagingPortLikeTheServer() {
            assertThat(HealthProbe.healthUri(Map.of("MESSAGING_PORT", " 9090 ")))
                    .isEqualTo(URI.create("http://127.0.0.1:9090/health"));
        }

        @Test
        void refusesAPortThatIsNotANumber() {
            assertThatThrownBy(() -> HealthProbe.healthUri(Map.of("MESSAGING_PORT", "http")))
                    .isInstanceOf(NumberFormatException.class);
        }
    }

    @Nested
    class Verdict {

        @Test
        void isHealthyWhenTheServerAnswers200() throws IOException {
            int status = HealthProbe.statusOf(serverAnswering(200));

            assertThat(status).isEqualTo(200);
            assertThat(HealthProbe.exitStatus(status)).isZero();
        }

        @Test
        void isUnhealthyWhenTheServerAnswers503BecauseItsStoreIsDown() throws IOException {
            int status = HealthProbe.statusOf(serverAnswering(503));

            assertThat(status).isEqualTo(503);
            assertThat(HealthProbe.exitStatus(status)).isOne();
        }

        @Test
        void isUnhealthyWhenNothingListens() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }

            int status = HealthProbe.statusOf(URI.create("http://127.0.0.1:" + closedPort + "/health"));

            assertThat(status).isEqualTo(-1);
            assertThat(HealthProbe.exitStatus(status)).isOne();
        }
    }

    private URI serverAnswering(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }
}
