package io.github.ccmessaging.server.fault;

import io.github.ccmessaging.server.conversation.ConsumerPath;
import io.github.ccmessaging.server.model.FaultMatch;
import io.github.ccmessaging.server.model.FaultRuleRequest;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns the OpenAPI document's fault rules into {@link FaultRule}s and back, refusing what the schema cannot say: members
 * that the fault's type does not use (400 / 30012) and a request rule that would match every request (400 / 30003).
 */
public final class FaultRuleMessages {
    private FaultRuleMessages() {
    }

    /** A new rule of the channel, as the request describes it. */
    public static FaultRule toRule(String channelId, FaultRuleRequest request) {
        io.github.ccmessaging.server.model.Fault wire = request.getFault();
        FaultKind kind = FaultKind.ofWireName(wire.getType().toString());
        Fault fault = fault(kind, wire);
        RequestMatch match = match(request.getMatch());
        if (kind.onWebhook() && (match.method() != null || match.path() != null)) {
            throw malformed("A webhook fault (" + kind.wireName() + ") matches deliveries by conversationId only; "
                    + "match.method and match.path are for request faults.");
        }
        if (!kind.onWebhook() && match.isAny()) {
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED, "A fault rule that would match every request is "
                    + "refused: give match.method, match.path or match.conversationId.");
        }
        double probability = request.getProbability() == null ? 1 : request.getProbability();
        long seed = request.getSeed() == null ? 0 : request.getSeed();
        return new FaultRule(UUID.randomUUID().toString(), channelId, match, fault, request.getTimes(), probability,
                seed, null);
    }

    private static RequestMatch match(FaultMatch match) {
        if (match == null) {
            return RequestMatch.ANY;
        }
        return new RequestMatch(match.getMethod() == null ? null : match.getMethod().toString(),
                match.getPath() == null ? null : ConsumerPath.ofTemplate(match.getPath().toString()).orElseThrow(),
                match.getConversationId() == null ? null : match.getConversationId().toLowerCase(Locale.ROOT));
    }

    private static Fault fault(FaultKind kind, io.github.ccmessaging.server.model.Fault wire) {
        List<String> unused = new ArrayList<>();
        Integer status = wire.getStatus() == null ? null : wire.getStatus().value();
        Integer errorCode = wire.getErrorCode() == null ? null : wire.getErrorCode().value();
        boolean statusFault = kind == FaultKind.STATUS;
        boolean delayed = kind == FaultKind.DELAY || kind == FaultKind.LATE_DELIVERY;
        unusedUnless(statusFault, "status", status, unused);
        unusedUnless(statusFault && status != null && status != 500, "retryAfterSeconds", wire.getRetryAfterSeconds(),
                unused);
        unusedUnless(statusFault && status != null && status == 500, "errorCode", errorCode, unused);
        unusedUnless(delayed, "delayMillis", wire.getDelayMillis(), unused);
        unusedUnless(delayed, "maxDelayMillis", wire.getMaxDelayMillis(), unused);
        if (!unused.isEmpty()) {
            throw malformed("fault." + String.join(", fault.", unused) + " cannot be used with a " + kind.wireName()
                    + " fault" + (statusFault && status != null ? " of status " + status : "") + ".");
        }
        if (statusFault) {
            if (status == null) {
                throw malformed("A status fault needs fault.status: 429, 500 or 503.");
            }
            return Fault.status(status, status == 500 ? null
                    : wire.getRetryAfterSeconds() == null ? 1 : wire.getRetryAfterSeconds(), errorCode);
        }
        if (delayed) {
            if (wire.getDelayMillis() == null) {
                throw malformed("A " + kind.wireName() + " fault needs fault.delayMillis.");
            }
            if (wire.getMaxDelayMillis() != null && wire.getMaxDelayMillis() < wire.getDelayMillis()) {
                throw malformed("fault.maxDelayMillis must not be less than fault.delayMillis.");
            }
            return new Fault(kind, 0, null, null, wire.getDelayMillis(),
                    wire.getMaxDelayMillis() == null ? null : wire.getMaxDelayMillis().longValue());
        }
        return Fault.of(kind);
    }

    private static void unusedUnless(boolean used, String name, Object value, List<String> unused) {
        if (!used && value != null) {
            unused.add(name);
        }
    }

    private static ApiProblem malformed(String detail) {
        return new ApiProblem(ErrorCode.MALFORMED_REQUEST, detail);
    }

    /** The rule as the OpenAPI document shows it, with its counts. */
    public static io.github.ccmessaging.server.model.FaultRule toWire(FaultRule rule) {
        Fault fault = rule.fault();
        io.github.ccmessaging.server.model.Fault wire = new io.github.ccmessaging.server.model.Fault()
                .type(io.github.ccmessaging.server.model.Fault.TypeEnum.fromValue(fault.kind().wireName()));
        if (fault.kind() == FaultKind.STATUS) {
            wire.status(io.github.ccmessaging.server.model.Fault.StatusEnum.fromValue(fault.status()))
                    .retryAfterSeconds(fault.retryAfterSeconds());
            if (fault.errorCode() != null) {
                wire.errorCode(io.github.ccmessaging.server.model.Fault.ErrorCodeEnum.fromValue(fault.errorCode()));
            }
        }
        if (fault.kind() == FaultKind.DELAY || fault.kind() == FaultKind.LATE_DELIVERY) {
            wire.delayMillis((int) fault.delayMillis())
                    .maxDelayMillis(fault.maxDelayMillis() == null ? null : fault.maxDelayMillis().intValue());
        }
        RequestMatch match = rule.match();
        FaultMatch wireMatch = null;
        if (!match.isAny()) {
            wireMatch = new FaultMatch().conversationId(match.conversationId())
                    .method(match.method() == null ? null : FaultMatch.MethodEnum.fromValue(match.method()))
                    .path(match.path() == null ? null : FaultMatch.PathEnum.fromValue(match.path().template()));
        }
        return new io.github.ccmessaging.server.model.FaultRule().id(rule.id()).match(wireMatch).fault(wire)
                .times(rule.times()).probability(rule.probability()).seed(rule.seed())
                .matched(rule.matched()).fired(rule.fired()).remaining(rule.remaining());
    }
}
