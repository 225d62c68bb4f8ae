/**
 * {@link io.github.ccmessaging.testcontainers.MessagingEmulatorContainer}: the Messaging API emulator's image started
 * by Testcontainers, with ready clients.
 */
package io.github.ccmessaging.testcontainers;
