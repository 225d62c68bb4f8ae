package com.example.smsbridge;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The SMS provider in tests: keeps every text the bridge sends. */
final class RecordingGateway implements SmsGateway {
    record Sms(String phoneNumber, String text) {
    }

    private final BlockingQueue<Sms> sent = new LinkedBlockingQueue<>();

    @Override
    public void send(String phoneNumber, String text) {
        sent.add(new Sms(phoneNumber, text));
    }

    /** The next text sent, waiting up to ten seconds for it. */
    Sms next() throws InterruptedException {
        Sms sms = sent.poll(10, TimeUnit.SECONDS);
        if (sms == null) {
            throw new AssertionError("The bridge sent no SMS within 10 s");
        }
        return sms;
    }
}
