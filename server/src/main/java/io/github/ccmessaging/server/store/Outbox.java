package io.github.ccmessaging.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The webhook deliveries waiting to go out. Only the oldest pending delivery of a conversation can be claimed, so a
 * conversation's deliveries go out in order; a claim is a lease, so two dispatchers — also in two server instances on
 * one database — never hold the same delivery at once, and a delivery whose dispatcher died is claimed again once its
 * lease ends.
 */
public interface Outbox {

    /**
     * Leases up to {@code limit} due deliveries to {@code owner} until {@code now + lease}: of each conversation with a
     * pending delivery the oldest, when its next attempt is due and nobody holds a lease on it. The claim counts the
     * attempt it is for ({@link OutboxItem#attempts()} includes it), before anything is sent: an attempt cut off by a
     * crash stays counted when the delivery is claimed again.
     */
    List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit);

    /**
     * Records how an attempt went and ends the lease: {@code DELIVERED} and {@code FAILED} are final, {@code PENDING}
     * waits until {@code nextAttemptAt}. Nothing changes when {@code owner} no longer holds the lease.
     *
     * @return false when the lease was lost
     */
    boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt);

    /** Ends every lease of {@code owner}, so its deliveries can be claimed again at once (a clean shutdown). */
    void releaseLeases(String owner);
}
