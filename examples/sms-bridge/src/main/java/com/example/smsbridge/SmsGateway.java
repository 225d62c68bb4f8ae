package com.example.smsbridge;

/** The outbound side of the bridge: the SMS provider's API that texts a customer. */
public interface SmsGateway {

    /**
     * Texts a customer.
     *
     * @param phoneNumber the customer's number, e.g. {@code +15550100}
     * @param text the message
     * @throws RuntimeException when the provider does not take the message; the contact centre then tries again
     */
    void send(String phoneNumber, String text);
}
