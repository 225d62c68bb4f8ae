package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationIdTaken;
import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.channel.ChannelStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Keeps conversations, activities, deliveries and channel registrations in a database (SQLite or PostgreSQL). A change
 * has committed when its method returns. Each activity's {@code messageId} is assigned in the transaction that stores
 * it, from the conversation's row, which that transaction locks: ids stay unique and strictly increasing per
 * conversation across any number of server instances on one database.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final String CONVERSATION_COLUMNS =
            "id, channel_id, customer_id, context_json, created_at, is_open, read_up_to";
    private static final RowMapper<Conversation> CONVERSATION = (rs, ctx) -> new Conversation(rs.getString("id"),
            rs.getString("channel_id"), rs.getString("customer_id"), rs.getString("context_json"),
            nanosToInstant(rs.getLong("created_at")), rs.getInt("is_open") == 1, rs.getLong("read_up_to"));
    private static final RowMapper<StoredActivity> ACTIVITY = (rs, ctx) -> new StoredActivity(rs.getLong("message_id"),
            rs.getString("client_id"), rs.getString("type"), rs.getString("json"),
            nanosToInstant(rs.getLong("received_at")), Sender.valueOf(rs.getString("sender")));

    /** Every request's reads and writes, watched: how they go decides readiness and what the log says. */
    private final Transactions tx;
    /** The same transactions unwatched, for the health probe, whose success must not hide a request's failed write. */
    private final Transactions probes;
    private final FailureWatch watch = new FailureWatch();
    private final Dialect dialect;
    private final MessageIdClock messageIds;
    private final JdbcChannelStore channels;

    JdbcConversationStore(Transactions tx, Dialect dialect, MessageIdClock messageIds) {
        this.probes = tx;
        this.tx = new WatchedTransactions(tx, watch);
        this.dialect = dialect;
        this.messageIds = messageIds;
        this.channels = new JdbcChannelStore(this.tx);
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        return tx.write(h -> createIn(h, request));
    }

    @Override
    public CompletionStage<CreateOutcome> createAsync(NewConversation request) {
        return tx.writeAsync(h -> createIn(h, request));
    }

    @Override
    public CommitWait commitWait() {
        return tx.commitWait();
    }

    private CreateOutcome createIn(Handle h, NewConversation request) {
        dialect.lockCreates(h, request);
        if (request.chosenId() != null) {
            return startAnew(h, request);
        }
        if (request.requestId() != null) {
            Optional<CreateOutcome> earlier = h.createQuery("SELECT conversation_id, is_new, start_message_id "
                            + "FROM create_requests WHERE channel_id = :channel AND request_id = :request")
                    .bind("channel", request.channelId()).bind("request", request.requestId())
                    .map(JdbcConversationStore::createOutcome).findOne();
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        CreateOutcome outcome = activeConversationOf(h, request).orElseGet(() -> start(h, request));
        if (request.requestId() != null) {
            h.createUpdate("INSERT INTO create_requests (channel_id, request_id, conversation_id, is_new, "
                            + "start_message_id) VALUES (:channel, :request, :conversation, :isNew, :start)")
                    .bind("channel", request.channelId()).bind("request", request.requestId())
                    .bind("conversation", outcome.conversationId()).bind("isNew", outcome.isNew() ? 1 : 0)
                    .bind("start", outcome.startMessageId().isPresent()
                            ? Long.valueOf(outcome.startMessageId().getAsLong()) : null)
                    .execute();
        }
        return outcome;
    }

    private static CreateOutcome createOutcome(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        long start = rs.getLong("start_message_id");
        OptionalLong startMessageId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(start);
        return new CreateOutcome(rs.getString("conversation_id"), rs.getInt("is_new") == 1, startMessageId);
    }

    private static Optional<CreateOutcome> activeConversationOf(Handle h, NewConversation request) {
        if (request.customerId() == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT id FROM conversations WHERE channel_id = :channel AND customer_id = :customer "
                        + "AND is_open = 1 ORDER BY seq DESC LIMIT 1")
                .bind("channel", request.channelId()).bind("customer", request.customerId())
                .mapTo(String.class).findOne()
                .map(id -> new CreateOutcome(id, false, OptionalLong.empty()));
    }

    /** Forgets the channel's conversation with the chosen id, if any, and starts it again. */
    private CreateOutcome startAnew(Handle h, NewConversation request) {
        String id = request.chosenId();
        Optional<String> owner = h.createQuery("SELECT channel_id FROM conversations WHERE id = :id" + dialect.forUpdate())
                .bind("id", id).mapTo(String.class).findOne();
        if (owner.isPresent()) {
            if (!owner.get().equals(request.channelId())) {
                throw new ConversationIdTaken(id);
            }
            for (String table : List.of("deliveries", "activities", "create_requests")) {
                h.createUpdate("DELETE FROM " + table + " WHERE conversation_id = :id").bind("id", id).execute();
            }
            h.createUpdate("DELETE FROM conversations WHERE id = :id").bind("id", id).execute();
        }
        return start(h, request, id);
    }

    private CreateOutcome start(Handle h, NewConversation request) {
        return start(h, request, UUID.randomUUID().toString());
    }

    private CreateOutcome start(Handle h, NewConversation request, String id) {
        h.createUpdate("INSERT INTO conversations (id, channel_id, customer_id, context_json, created_at, is_open) "
                        + "VALUES (:id, :channel, :customer, :context, :createdAt, 1)")
                .bind("id", id).bind("channel", request.channelId()).bind("customer", request.customerId())
                .bind("context", request.contextJson()).bind("createdAt", instantToNanos(request.createdAt()))
                .execute();
        if (request.startMessage() == null) {
            return new CreateOutcome(id, true, OptionalLong.empty());
        }
        long messageId = appendIn(h, request.channelId(), id, request.startMessage()).orElseThrow().messageId();
        return new CreateOutcome(id, true, OptionalLong.of(messageId));
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return tx.write(h -> appendIn(h, channelId, conversationId, activity));
    }

    @Override
    public CompletionStage<Optional<Appended>> appendAsync(String channelId, String conversationId,
                                                           NewActivity activity) {
        return tx.writeAsync(h -> appendIn(h, channelId, conversationId, activity));
    }

    private Optional<Appended> appendIn(Handle h, String channelId, String conversationId, NewActivity activity) {
        Optional<ConversationRow> row = h.createQuery(dialect.conversationToAppendTo())
                .bind("id", conversationId)
                .map((rs, ctx) -> new ConversationRow(rs.getString("channel_id"), rs.getInt("is_open") == 1,
                        rs.getLong("last_message_id")))
                .findOne()
                .filter(r -> r.channelId().equals(channelId));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (activity.clientId() != null) {
            Optional<Long> earlier = h.createQuery("SELECT message_id FROM activities "
                            + "WHERE conversation_id = :conversation AND client_id = :client")
                    .bind("conversation", conversationId).bind("client", activity.clientId())
                    .mapTo(Long.class).findOne();
            if (earlier.isPresent()) {
                return Optional.of(new Appended(earlier.get(), true));
            }
        }
        if (!row.get().open()) {
            return Optional.empty();
        }
        long messageId = messageIds.next(row.get().lastMessageId());
        h.createUpdate("INSERT INTO activities (conversation_id, message_id, client_id, type, json, received_at, sender) "
                        + "VALUES (:conversation, :messageId, :client, :type, :json, :receivedAt, :sender)")
                .bind("conversation", conversationId).bind("messageId", messageId).bind("client", activity.clientId())
                .bind("type", activity.type()).bind("json", activity.json())
                .bind("receivedAt", instantToNanos(activity.receivedAt())).bind("sender", activity.sender().name())
                .execute();
        if (dialect.rowKeepsLastMessageId()) {
            h.createUpdate("UPDATE conversations SET last_message_id = :messageId"
                            + (activity.endsConversation() ? ", is_open = 0" : "") + " WHERE id = :id")
                    .bind("messageId", messageId).bind("id", conversationId).execute();
        } else if (activity.endsConversation()) {
            h.createUpdate("UPDATE conversations SET is_open = 0 WHERE id = :id").bind("id", conversationId).execute();
        }
        if (activity.outbound() != null) {
            scheduleDelivery(h, channelId, conversationId, messageId, activity);
        }
        return Optional.of(new Appended(messageId, false));
    }

    private static void scheduleDelivery(Handle h, String channelId, String conversationId, long messageId,
                                         NewActivity activity) {
        Outbound outbound = activity.outbound();
        boolean deliverable = outbound.webhookUrl() != null;
        h.createUpdate("INSERT INTO deliveries (conversation_id, message_id, webhook_url, token, status, attempts, "
                        + "last_error, next_attempt_at) "
                        + "VALUES (:conversation, :messageId, :url, :token, :status, 0, :error, :next)")
                .bind("conversation", conversationId).bind("messageId", messageId)
                .bind("url", outbound.webhookUrl()).bind("token", outbound.token())
                .bind("status", (deliverable ? Delivery.Status.PENDING : Delivery.Status.FAILED).name())
                .bind("error", deliverable ? null : Outbound.noWebhookError(channelId))
                .bind("next", activity.receivedAt().toEpochMilli())
                .execute();
    }

    private record ConversationRow(String channelId, boolean open, long lastMessageId) {
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return tx.read(h -> findIn(h, channelId, conversationId, ""));
    }

    private Optional<Conversation> findIn(Handle h, String channelId, String conversationId, String lock) {
        return h.createQuery("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = :id "
                        + "AND channel_id = :channel" + lock)
                .bind("id", conversationId).bind("channel", channelId)
                .map(CONVERSATION).findOne();
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return tx.read(h -> h.createQuery("SELECT a.message_id, a.client_id, a.type, a.json, a.received_at, a.sender "
                        + "FROM activities a JOIN conversations c ON c.id = a.conversation_id "
                        + "WHERE a.conversation_id = :conversation AND c.channel_id = :channel ORDER BY a.message_id")
                .bind("conversation", conversationId).bind("channel", channelId)
                .map(ACTIVITY).list());
    }

    @Override
    public List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit) {
        return tx.read(h -> h.createQuery("SELECT a.message_id, a.client_id, a.type, a.json, a.received_at, a.sender "
                        + "FROM activities a JOIN conversations c ON c.id = a.conversation_id "
                        + "WHERE a.conversation_id = :conversation AND c.channel_id = :channel "
                        + "AND a.message_id > :after AND a.type = 'message' AND a.sender <> :system "
                        + "ORDER BY a.message_id LIMIT :limit")
                .bind("conversation", conversationId).bind("channel", channelId).bind("after", afterMessageId)
                .bind("system", Sender.SYSTEM.name()).bind("limit", limit)
                .map(ACTIVITY).list());
    }

    @Override
    public Optional<StoredActivity> activity(String channelId, String conversationId, long messageId) {
        return tx.read(h -> h.createQuery("SELECT a.message_id, a.client_id, a.type, a.json, a.received_at, a.sender "
                        + "FROM activities a JOIN conversations c ON c.id = a.conversation_id "
                        + "WHERE a.conversation_id = :conversation AND a.message_id = :messageId "
                        + "AND c.channel_id = :channel")
                .bind("conversation", conversationId).bind("messageId", messageId).bind("channel", channelId)
                .map(ACTIVITY).findOne());
    }

    @Override
    public Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter,
                                                          String afterConversationId, int limit) {
        return tx.read(h -> {
            long afterSeq = 0;
            if (afterConversationId != null) {
                Optional<Long> seq = h.createQuery("SELECT seq FROM conversations WHERE id = :id AND channel_id = :channel")
                        .bind("id", afterConversationId).bind("channel", channelId).mapTo(Long.class).findOne();
                if (seq.isEmpty()) {
                    return Optional.empty();
                }
                afterSeq = seq.get();
            }
            return Optional.of(h.createQuery("SELECT " + CONVERSATION_COLUMNS + " FROM conversations "
                            + "WHERE channel_id = :channel AND is_open = 1 AND seq > :afterSeq AND created_at > :after "
                            + "ORDER BY seq LIMIT :limit")
                    .bind("channel", channelId).bind("afterSeq", afterSeq)
                    .bind("after", createdAfter == null ? Long.MIN_VALUE : instantToNanos(createdAfter))
                    .bind("limit", limit)
                    .map(CONVERSATION).list());
        });
    }

    @Override
    public boolean close(String channelId, String conversationId) {
        return tx.write(h -> h.createUpdate("UPDATE conversations SET is_open = 0 "
                        + "WHERE id = :id AND channel_id = :channel AND is_open = 1")
                .bind("id", conversationId).bind("channel", channelId).execute() == 1);
    }

    @Override
    public Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change) {
        return tx.write(h -> findIn(h, channelId, conversationId, dialect.forUpdate()).map(conversation -> {
            Conversation changed = conversation.withContext(change.apply(conversation.contextJson()));
            h.createUpdate("UPDATE conversations SET context_json = :context WHERE id = :id")
                    .bind("context", changed.contextJson()).bind("id", conversationId).execute();
            return changed;
        }));
    }

    @Override
    public void markRead(String channelId, String conversationId, long messageId) {
        tx.write(h -> markReadIn(h, channelId, conversationId, messageId));
    }

    @Override
    public CompletionStage<Void> markReadAsync(String channelId, String conversationId, long messageId) {
        return tx.writeAsync(h -> markReadIn(h, channelId, conversationId, messageId)).thenApply(changed -> null);
    }

    private static int markReadIn(Handle h, String channelId, String conversationId, long messageId) {
        return h.createUpdate("UPDATE conversations SET read_up_to = :messageId "
                        + "WHERE id = :id AND channel_id = :channel AND read_up_to < :messageId")
                .bind("messageId", messageId).bind("id", conversationId).bind("channel", channelId).execute();
    }

    @Override
    public Map<Long, Delivery> deliveries(String channelId, String conversationId) {
        return tx.read(h -> {
            Map<Long, Delivery> deliveries = new LinkedHashMap<>();
            h.createQuery("SELECT d.message_id, d.status, d.attempts, d.last_error FROM deliveries d "
                            + "JOIN conversations c ON c.id = d.conversation_id "
                            + "WHERE d.conversation_id = :conversation AND c.channel_id = :channel ORDER BY d.message_id")
                    .bind("conversation", conversationId).bind("channel", channelId)
                    .map((rs, ctx) -> Map.entry(rs.getLong("message_id"), new Delivery(
                            Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                            rs.getString("last_error"))))
                    .forEach(e -> deliveries.put(e.getKey(), e.getValue()));
            return Map.copyOf(deliveries);
        });
    }

    @Override
    public List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit) {
        long nowMillis = now.toEpochMilli();
        List<OutboxItem> due = tx.read(h -> h.createQuery("SELECT d.conversation_id, d.message_id, d.webhook_url, "
                        + "d.token, d.attempts, a.json, a.received_at FROM deliveries d "
                        + "JOIN activities a ON a.conversation_id = d.conversation_id AND a.message_id = d.message_id "
                        + "WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now "
                        + "AND (d.lease_until IS NULL OR d.lease_until < :now) "
                        + "AND d.message_id = (SELECT MIN(h.message_id) FROM deliveries h "
                        + "WHERE h.conversation_id = d.conversation_id AND h.status = 'PENDING') "
                        + "ORDER BY d.next_attempt_at LIMIT :limit")
                .bind("now", nowMillis).bind("limit", limit)
                .map((rs, ctx) -> new OutboxItem(rs.getString("conversation_id"), rs.getLong("message_id"),
                        rs.getString("webhook_url"), rs.getString("token"), rs.getString("json"),
                        nanosToInstant(rs.getLong("received_at")), rs.getInt("attempts")))
                .list());
        if (due.isEmpty()) {
            return due;
        }
        // The read found candidates; the conditional update is what claims them, once, whoever else is looking. The
        // claim counts the attempt it is for, so an attempt cut off by a crash is counted too.
        return tx.write(h -> {
            List<OutboxItem> claimed = new ArrayList<>();
            for (OutboxItem item : due) {
                int updated = h.createUpdate("UPDATE deliveries SET lease_owner = :owner, lease_until = :until, "
                                + "attempts = attempts + 1 "
                                + "WHERE conversation_id = :conversation AND message_id = :messageId "
                                + "AND status = 'PENDING' AND attempts = :attempts "
                                + "AND (lease_until IS NULL OR lease_until < :now)")
                        .bind("owner", owner).bind("until", nowMillis + lease.toMillis())
                        .bind("conversation", item.conversationId()).bind("messageId", item.messageId())
                        .bind("attempts", item.attempts()).bind("now", nowMillis)
                        .execute();
                if (updated == 1) {
                    claimed.add(item.claimed());
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt) {
        return tx.write(h -> h.createUpdate("UPDATE deliveries SET status = :status, attempts = :attempts, "
                        + "last_error = :error, next_attempt_at = :next, lease_owner = NULL, lease_until = NULL "
                        + "WHERE conversation_id = :conversation AND message_id = :messageId AND lease_owner = :owner")
                .bind("status", outcome.status().name()).bind("attempts", outcome.attempts())
                .bind("error", outcome.lastError()).bind("next", nextAttemptAt.toEpochMilli())
                .bind("conversation", item.conversationId()).bind("messageId", item.messageId())
                .bind("owner", owner)
                .execute() == 1);
    }

    @Override
    public void releaseLeases(String owner) {
        tx.write(h -> h.createUpdate("UPDATE deliveries SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = :owner").bind("owner", owner).execute());
    }

    @Override
    public void clear() {
        tx.write(h -> {
            for (String table : List.of("deliveries", "activities", "create_requests", "conversations")) {
                h.createUpdate("DELETE FROM " + table).execute();
            }
            return null;
        });
    }

    @Override
    public void clear(String channelId) {
        tx.write(h -> {
            for (String table : List.of("deliveries", "activities")) {
                h.createUpdate("DELETE FROM " + table + " WHERE conversation_id IN "
                                + "(SELECT id FROM conversations WHERE channel_id = :channel)")
                        .bind("channel", channelId).execute();
            }
            for (String table : List.of("create_requests", "conversations")) {
                h.createUpdate("DELETE FROM " + table + " WHERE channel_id = :channel").bind("channel", channelId)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public ChannelStore registeredChannels() {
        return channels;
    }

    /**
     * Reads, then rewrites the one row of {@code store_probe}, so a store that can read but not write (read-only, disk
     * full) is not healthy; and a request's write that failed in the last {@link FailureWatch#FAILED_WRITE_MEMORY}
     * with none succeeding since keeps it unhealthy even when this small write gets through.
     */
    @Override
    public void checkHealth() {
        try {
            probes.read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            probes.write(h -> h.createUpdate("UPDATE store_probe SET probed_at = :now WHERE id = 1")
                    .bind("now", System.currentTimeMillis()).execute());
        } catch (StoreFailure e) {
            watch.probeFailed(e);
            throw e;
        }
        watch.probeSucceeded();
        watch.throwIfWritesFail();
    }

    @Override
    public void close() {
        tx.close();
    }

    private static long instantToNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static Instant nanosToInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
