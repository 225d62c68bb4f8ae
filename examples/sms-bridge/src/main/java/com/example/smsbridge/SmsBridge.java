package com.example.smsbridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.client.MessagingApiException;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.MessagingTransportException;
import io.github.ccmessaging.client.model.ChannelAccount;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CustomerContext;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.client.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A custom messaging channel between SMS and Dynamics 365 Contact Center. Its HTTP server has two endpoints:
 * <ul>
 *   <li>{@code POST /sms}: the SMS provider posts each text a customer sends (form fields {@code MessageSid},
 *       {@code From}, {@code Body}); the bridge starts or resumes the customer's conversation (the phone number is
 *       the {@code customerid}) and sends the text into it;</li>
 *   <li>{@code /webhook}: the contact centre posts what the representative side does; the bridge texts the
 *       representative's messages to the customer, and a goodbye when the conversation closes.</li>
 * </ul>
 */
public final class SmsBridge implements AutoCloseable {
    static final String GOODBYE = "This conversation has ended. Text us again any time.";

    private final MessagingClient client;
    private final SmsGateway gateway;
    // a real bridge keeps this in its database, so that replies still reach the customer after a restart
    private final Map<String, String> phoneByConversation = new ConcurrentHashMap<>();
    private final HttpServer http;

    private SmsBridge(MessagingClient client, SmsGateway gateway, String webhookToken, int port) throws IOException {
        this.client = client;
        this.gateway = gateway;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/sms", this::receiveSms);
        http.createContext("/webhook",
                WebhookReceiver.builder().bearerToken(webhookToken).build().httpHandler(this::onActivity));
        http.start();
    }

    /**
     * Starts the bridge.
     *
     * @param client the channel's client of the Messaging API
     * @param gateway where texts to customers go
     * @param webhookToken the bearer token the contact centre sends to the webhook
     * @param port the port to listen on, 0 for a free one
     * @return the running bridge
     */
    public static SmsBridge start(MessagingClient client, SmsGateway gateway, String webhookToken, int port) {
        try {
            return new SmsBridge(client, gateway, webhookToken, port);
        } catch (IOException e) {
            throw new UncheckedIOException("The SMS bridge cannot listen on port " + port, e);
        }
    }

    /** Where the SMS provider posts incoming texts. */
    public URI smsUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/sms");
    }

    /** The channel's webhook URL, to register with the contact centre. */
    public URI webhookUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/webhook");
    }

    /** A customer texted: into their active conversation, or a new one. */
    void onSms(String messageSid, String phoneNumber, String text) {
        String conversationId = client.createConversation(new CreateConversationRequest()
                .customercontext(new CustomerContext().customerid(phoneNumber).phonenumber(phoneNumber)))
                .getConversationId();
        phoneByConversation.put(conversationId, phoneNumber);
        // the provider's message id as the activity id: when the provider posts a text again, it is stored once
        client.sendActivity(conversationId, new MessageActivity().id("sms-" + messageSid).text(text)
                .from(new ChannelAccount().name(phoneNumber)));
    }

    /** The representative side did something. */
    void onActivity(ReceivedActivity received) {
        String phoneNumber = phoneByConversation.get(received.conversationId());
        if (phoneNumber == null) {
            return;
        }
        if ("ConversationClose".equals(received.name())) {
            gateway.send(phoneNumber, GOODBYE);
            phoneByConversation.remove(received.conversationId());
        } else if ("message".equals(received.type()) && received.name() == null) {
            gateway.send(phoneNumber, received.activity().getText());
        }
    }

    private void receiveSms(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(forward(form.get("MessageSid"), form.get("From"), form.get("Body")), -1);
        }
    }

    /** The status to answer the provider: 503 asks it to post the text again later. */
    private int forward(String messageSid, String phoneNumber, String text) {
        if (messageSid == null || phoneNumber == null || text == null) {
            return 400;
        }
        try {
            onSms(messageSid, phoneNumber, text);
            return 200;
        } catch (MessagingTransportException e) {
            return 503;
        } catch (MessagingApiException e) {
            return e.status() >= 500 ? 503 : 400;
        }
    }

    private static Map<String, String> form(String body) {
        return Stream.of(body.split("&")).map(pair -> pair.split("=", 2)).filter(pair -> pair.length == 2)
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> decode(pair[1]), (a, b) -> b));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
