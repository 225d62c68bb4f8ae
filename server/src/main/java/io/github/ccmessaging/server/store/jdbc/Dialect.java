package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.NewConversation;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * What differs between the databases: row locks, how concurrent creates are kept apart, and where an append finds the
 * conversation's last {@code messageId}.
 */
enum Dialect {
    /**
     * One writer at a time by design: nothing needs locking, and the last {@code messageId} is read from the
     * conversation's activities (the end of its primary-key range, the page the new activity goes to) instead of being
     * written into the conversation's row by every append: with sends spread over many conversations, that row's page
     * was one more page per send for the commit to write and {@code fsync}.
     */
    SQLITE("sqlite", "", "SELECT channel_id, is_open, max(last_message_id, coalesce((SELECT max(message_id) "
            + "FROM activities WHERE conversation_id = :id), 0)) AS last_message_id FROM conversations WHERE id = :id",
            false) {
        @Override
        void lockCreates(Handle handle, NewConversation request) {
        }
    },
    /**
     * Instances on one database take turns on a conversation through its row lock, and the row keeps the last
     * {@code messageId}: a read of the activities would not see what the instance that held the lock just committed.
     */
    POSTGRESQL("postgresql", " FOR UPDATE",
            "SELECT channel_id, is_open, last_message_id FROM conversations WHERE id = :id FOR UPDATE", true) {
        // Two instances creating for the same customer or request id must not both start a conversation: a create
        // takes the lock of its customer and of its request id, in ascending order (so two creates never wait for each
        // other in a circle); creates for other customers (a lock per channel made every create of the channel wait
        // for the one before, commit included) and creates with neither go ahead.
        @Override
        void lockCreates(Handle handle, NewConversation request) {
            TreeSet<Long> keys = new TreeSet<>();
            if (request.customerId() != null) {
                keys.add(lockKey(request.channelId(), "customer:" + request.customerId()));
            }
            if (request.requestId() != null) {
                keys.add(lockKey(request.channelId(), "request:" + request.requestId()));
            }
            for (long key : keys) {
                handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                        .bind("key", key).mapTo(Integer.class).one();
            }
        }
    };

    private final String migrations;
    private final String forUpdate;
    private final String conversationToAppendTo;
    private final boolean rowKeepsLastMessageId;

    Dialect(String migrations, String forUpdate, String conversationToAppendTo, boolean rowKeepsLastMessageId) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
        this.conversationToAppendTo = conversationToAppendTo;
        this.rowKeepsLastMessageId = rowKeepsLastMessageId;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /** Appended to a SELECT whose rows the transaction goes on to change. */
    String forUpdate() {
        return forUpdate;
    }

    /**
     * The query of an append for the conversation {@code :id}: its {@code channel_id}, {@code is_open} and
     * {@code last_message_id}, the conversation locked until the transaction ends where the database needs it.
     */
    String conversationToAppendTo() {
        return conversationToAppendTo;
    }

    /** Whether each append writes its {@code messageId} into the conversation's row ({@code last_message_id}). */
    boolean rowKeepsLastMessageId() {
        return rowKeepsLastMessageId;
    }

    /** A lock key of the channel and one of its customer or request ids (a collision only makes two creates wait). */
    static long lockKey(String channelId, String id) {
        return ((long) channelId.hashCode() << 32) | (id.hashCode() & 0xffffffffL);
    }

    /** Keeps a create apart from concurrent creates for the same customer or request id, until the transaction ends. */
    abstract void lockCreates(Handle handle, NewConversation request);
}
