package com.example.smsbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.junit.MessagingEmulatorTest;
import io.github.ccmessaging.junit.WebhookInbox;
import org.junit.jupiter.api.Test;

@MessagingEmulatorTest
class FirstConversationTest {
    @Test
    void representativeAnswersTheCustomer(MessagingClient client, EmulatorClient emulator, WebhookInbox inbox) {
        String conversationId = client.createConversation().getConversationId();
        client.sendMessage(conversationId, "Where is my order?");
        emulator.accept(conversationId, "Alex");
        emulator.sendAsRepresentative(conversationId, "It ships today.");
        assertEquals("It ships today.", inbox.awaitMessage(conversationId).activity().getText());
    }
}
