package io.github.ccmessaging.server.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.conversation.ConsumerPath;
import io.github.ccmessaging.server.http.BearerTokenFilter;
import io.github.ccmessaging.server.http.CorrelationIds;
import io.github.ccmessaging.server.http.LogText;
import io.github.ccmessaging.server.http.ProblemResponses;
import io.github.ccmessaging.server.http.RequestLog;
import io.github.ccmessaging.server.http.JerseyHandler;
import io.github.ccmessaging.server.http.WholeBodies;
import io.github.ccmessaging.server.journal.JournalFilter;
import io.github.ccmessaging.server.journal.JournaledRequest;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.model.Problem;
import io.github.ccmessaging.server.threads.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.memory.Buffers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link FaultRules} to consumer API requests before Jersey sees them, at the HTTP server's level, where a
 * connection can be closed or an answer cut: a status fault is answered here with problem details, so the
 * application never runs and nothing is stored; a delay hands the request to a request thread only once it is over,
 * holding no thread meanwhile. A request is faulted only when it authenticates as the channel whose rule fired.
 * While no channel has a request rule, a request costs one volatile read more.
 */
public final class FaultingHandler extends HttpHandler {
    private static final Logger REQUESTS = LoggerFactory.getLogger(RequestLog.LOGGER);
    private static final String DECISION = FaultingHandler.class.getName() + ".decision";
    private static final Decision NOTHING = new Decision(null, null, null);
    private static final RequestExecutorProvider REQUEST_THREADS = new RequestExecutorProvider.WorkerThreadProvider();

    private final JerseyHandler inner;
    private final FaultRules faults;
    private final BearerTokenFilter authentication;
    private final RequestJournal journal;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean logRequests;
    private final RequestExecutorProvider executors = this::executorFor;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("fault-delays"));

    public FaultingHandler(JerseyHandler inner, FaultRules faults, BearerTokenFilter authentication,
                           RequestJournal journal, ObjectMapper json, Clock clock, boolean logRequests) {
        this.inner = inner;
        this.faults = faults;
        this.authentication = authentication;
        this.journal = journal;
        this.json = json;
        this.clock = clock;
        this.logRequests = logRequests;
    }

    /** What the rules decided for one request; {@link #NOTHING} when none fired. */
    private record Decision(FaultRule.Fired fired, Channel channel, Instant arrived) {
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return executors;
    }

    /** Grizzly asks before it serves the request: a delayed request is handed to a request thread after the delay. */
    private Executor executorFor(Request request) {
        Executor normal = inner.getRequestExecutorProvider().getExecutor(request);
        if (!faults.anyRequestRules()) {
            return normal;
        }
        Decision decision = decision(request);
        if (decision.fired() == null || decision.fired().kind() != FaultKind.DELAY
                || request.getAttribute(JournalFilter.FAULT_RULE) != null) {
            return normal;
        }
        request.setAttribute(JournalFilter.FAULT_RULE, decision.fired().ruleId());
        Executor serving = normal != null ? normal : REQUEST_THREADS.getExecutor(request);
        long delay = decision.fired().delayMillis();
        return task -> timer.schedule(() -> serving.execute(task), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        // a request whose rules all went away between the two looks is served as it is
        Decision decision = faults.anyRequestRules() ? decision(request) : NOTHING;
        FaultRule.Fired fired = decision.fired();
        if (fired == null || fired.kind() == FaultKind.DELAY) {
            inner.service(request, response);
            return;
        }
        String correlationId = CorrelationIds.forRequest(request.getHeader(CorrelationIds.HEADER));
        Integer status = switch (fired.kind()) {
            case STATUS -> answer(response, fired, correlationId);
            case CLOSE_CONNECTION -> close(request, response);
            case CUT_ANSWER -> cut(request, response, fired, correlationId);
            default -> throw new IllegalStateException("Not a request fault: " + fired.kind());
        };
        record(request, decision, status, correlationId);
    }

    private Decision decision(Request request) {
        Object known = request.getAttribute(DECISION);
        if (known instanceof Decision decided) {
            return decided;
        }
        Decision decided = decide(request);
        request.setAttribute(DECISION, decided);
        return decided;
    }

    private Decision decide(Request request) {
        String channelId = request.getHeader("channel-id");
        if (channelId == null || faults.of(channelId.toLowerCase(Locale.ROOT)).isEmpty()) {
            return NOTHING;
        }
        Optional<ConsumerPath.Located> where = ConsumerPath.locate(request.getRequestURI());
        if (where.isEmpty()) {
            return NOTHING;
        }
        Optional<Channel> channel = authentication.authenticatedChannel(request.getHeader("Authorization"),
                channelId, request.getHeader("organization-id"));
        if (channel.isEmpty()) {
            return NOTHING;
        }
        Instant arrived = clock.instant();
        return faults.onRequest(channel.get().channelId(), request.getMethod().getMethodString(), where.get())
                .map(fired -> new Decision(fired, channel.get(), arrived)).orElse(NOTHING);
    }

    /** A status fault: the documented problem details, as the application would answer them. */
    private Integer answer(Response response, FaultRule.Fired fired, String correlationId) throws IOException {
        Fault fault = fired.fault();
        byte[] body = json.writeValueAsBytes(problem(fault, fired.ruleId(), correlationId));
        // with its reason phrase (Grizzly would say CUSTOM for a bare 429)
        response.setStatus(org.glassfish.grizzly.http.util.HttpStatus.getHttpStatus(fault.status()));
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        response.setHeader(CorrelationIds.HEADER, correlationId);
        if (fault.status() != 500) {
            response.setHeader("Retry-After", Integer.toString(fault.retryAfterSeconds() == null ? 1
                    : fault.retryAfterSeconds()));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return fault.status();
    }

    static Problem problem(Fault fault, String ruleId, String correlationId) {
        String title = switch (fault.status()) {
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> fault.errorCode() != null ? "Response serialization failed" : "Internal Server Error";
        };
        Problem problem = new Problem().type(fault.errorCode() != null ? ProblemResponses.DOCUMENTED_TYPE : "about:blank")
                .title(title).status(fault.status())
                .detail("The emulator's fault rule " + ruleId + " answered " + fault.status()
                        + "; nothing was stored." + (fault.status() == 500 ? "" : " Retry after Retry-After seconds."))
                .correlationId(correlationId);
        return fault.errorCode() == null ? problem : problem.errorCode(fault.errorCode());
    }

    /** The connection goes away without an answer. */
    private Integer close(Request request, Response response) {
        // suspended, the response is left to us: Grizzly writes nothing to the connection we close
        response.suspend();
        request.getContext().getConnection().closeSilently();
        return null;
    }

    /** A 200 announcing a longer body than is sent: half of it arrives, then the connection closes. */
    private Integer cut(Request request, Response response, FaultRule.Fired fired, String correlationId) {
        response.suspend();
        byte[] body = ("{\"detail\":\"This answer was cut mid-body by the emulator's fault rule " + fired.ruleId()
                + "; nothing was stored.\"}").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + CorrelationIds.HEADER + ": " + correlationId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] sent = new byte[head.length + body.length / 2];
        System.arraycopy(head, 0, sent, 0, head.length);
        System.arraycopy(body, 0, sent, head.length, body.length / 2);
        Connection<?> connection = request.getContext().getConnection();
        WholeBodies.writeThenClose(connection, Buffers.wrap(connection.getMemoryManager(), sent));
        return 200;
    }

    private void record(Request request, Decision decision, Integer status, String correlationId) throws IOException {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (logRequests) {
            REQUESTS.info("{} {} {} fault-rule={} correlation-id={}", request.getMethod().getMethodString(),
                    LogText.escape(path), status == null ? "closed" : status,
                    decision.fired().ruleId(), correlationId);
        }
        if (!journal.enabled()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : request.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            request.getHeaders(name).forEach(values::add);
            headers.put(lower, JournaledRequest.headerValue(lower, values));
        }
        // the whole body has arrived (see WholeBodies), unless it was too large to be gathered
        byte[] body = request.getInputBuffer().isFinished() ? request.getInputStream().readAllBytes() : null;
        String bearerToken = BearerTokenFilter.bearerToken(request.getHeader("Authorization")).orElse(null);
        Optional<ConsumerPath.Located> where = ConsumerPath.locate(request.getRequestURI());
        journal.record(new JournaledRequest(decision.channel().channelId(), request.getMethod().getMethodString(),
                path, where.map(ConsumerPath.Located::conversationId).orElse(null), headers,
                JournaledRequest.kept(body), body == null ? 0 : body.length, status,
                status == null ? null : decision.fired().fault().errorCode(), correlationId, decision.fired().ruleId(),
                JournaledRequest.secretsOf(decision.channel(), bearerToken), decision.arrived()));
    }

    @Override
    public boolean sendAcknowledgment(Request request, Response response) throws IOException {
        return inner.sendAcknowledgment(request, response);
    }

    @Override
    public void start() {
        inner.start();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        inner.destroy();
    }
}
