package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.StoreFailure;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.glassfish.jersey.server.ParamException;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Providers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into problem details with the documented code; nothing leaves the server as a stack trace. */
final class ProblemMappers {
    private ProblemMappers() {
    }

    static List<Object> all() {
        return List.of(new ApiProblems(), new Violations(), new MalformedJson(), new HttpErrors(), new StoreFailures(),
                new AsyncFailures(), new Unexpected());
    }

    static final class ApiProblems implements ExceptionMapper<ApiProblem> {
        @Override
        public Response toResponse(ApiProblem problem) {
            return ProblemResponses.of(problem.errorCode(), problem.detail());
        }
    }

    static final class MalformedJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            // Jackson wraps what the body stream throws, such as the 413 of an oversized body
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof WebApplicationException refused && refused.getResponse().hasEntity()) {
                    return refused.getResponse();
                }
            }
            return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, JsonFailures.describe(e));
        }
    }

    static final class HttpErrors implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uriInfo;

        private static ErrorCode codeOfQueryParameter(String name, String path) {
            return switch (name) {
                case "PageSize" -> path.endsWith("/messages") ? ErrorCode.INVALID_MESSAGES_PAGE_SIZE
                        : ErrorCode.INVALID_CONVERSATIONS_PAGE_SIZE;
                case "StartTimeStamp" -> ErrorCode.INVALID_TIMESTAMP;
                case "ContinuationToken" -> ErrorCode.INVALID_CONTINUATION_TOKEN;
                default -> ErrorCode.MALFORMED_REQUEST;
            };
        }

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse().hasEntity()) {
                return e.getResponse();
            }
            if (e instanceof ParamException.QueryParamException query) {
                return ProblemResponses.of(codeOfQueryParameter(query.getParameterName(), uriInfo.getPath()),
                        query.getParameterName() + " is not a valid value.");
            }
            if (e instanceof NotSupportedException) {
                return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, "The request body must be application/json.");
            }
            Response.StatusType status = e.getResponse().getStatusInfo();
            return ProblemResponses.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        }
    }

    /**
     * The database failed or is unreachable: nothing changed. A failure that passes by itself is a 503 inviting a
     * retry; one that needs an operator is a 500 without {@code Retry-After}, since retrying cannot help before then.
     * The store logs its failures for the operator (once per outage, not per request).
     */
    static final class StoreFailures implements ExceptionMapper<StoreFailure> {
        private static final Logger LOG = LoggerFactory.getLogger(StoreFailures.class);
        static final String RETRY_AFTER_SECONDS = "1";
        static final String CANNOT_WORK = "Store cannot work";

        @Override
        public Response toResponse(StoreFailure e) {
            LOG.debug("Answered a store failure", e);
            if (e.isPermanent()) {
                return ProblemResponses.of(500, CANNOT_WORK, "The server's store cannot work until an operator acts ("
                        + e.condition() + "); nothing was stored or changed. Retrying will not help before then.");
            }
            return Response.fromResponse(ProblemResponses.of(503, "Service Unavailable",
                    "The server's store did not answer; nothing was stored. Retry later.")).header("Retry-After",
                    RETRY_AFTER_SECONDS).build();
        }
    }

    /** An asynchronous answer's failure arrives wrapped; it is answered as the failure it wraps would be. */
    static final class AsyncFailures implements ExceptionMapper<CompletionException> {
        @Context
        private Providers providers;

        @Override
        public Response toResponse(CompletionException e) {
            return e.getCause() == null ? new Unexpected().toResponse(e) : answer(e.getCause());
        }

        private <T extends Throwable> Response answer(T failure) {
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) failure.getClass();
            return providers.getExceptionMapper(type).toResponse(failure);
        }
    }

    static final class Unexpected implements ExceptionMapper<Throwable> {
        private static final Logger LOG = LoggerFactory.getLogger(Unexpected.class);

        @Override
        public Response toResponse(Throwable e) {
            LOG.error("Unexpected failure", e);
            return ProblemResponses.of(500, "Internal Server Error", "The server failed; see its log.");
        }
    }

    /** Bean-validation failures of the generated interfaces, mapped to the code of the element that broke. */
    static final class Violations implements ExceptionMapper<ConstraintViolationException> {
        private static final List<String> PARAMETERS = List.of("channelId", "channelId2", "organizationId",
                "conversationId", "pageSize", "startTimeStamp", "continuationToken");

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<ConstraintViolation<?>> violations = new ArrayList<>(e.getConstraintViolations());
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            ErrorCode code = violations.stream().map(Violations::codeOf)
                    .min(Comparator.comparingInt(c -> c == ErrorCode.MALFORMED_REQUEST ? 1 : 0))
                    .orElse(ErrorCode.MALFORMED_REQUEST);
            String detail = violations.stream().map(Violations::describe).collect(Collectors.joining("; "));
            return ProblemResponses.of(code, detail);
        }

        static ErrorCode codeOf(ConstraintViolation<?> violation) {
            List<Path.Node> nodes = nodes(violation);
            String parameter = nodes.stream().filter(n -> n.getKind() == ElementKind.PARAMETER)
                    .map(Path.Node::getName).findFirst().orElse("");
            String leaf = nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1).getName();
            String method = nodes.isEmpty() ? "" : nodes.get(0).getName();
            boolean size = violation.getConstraintDescriptor().getAnnotation() instanceof Size;
            return switch (parameter) {
                case "channelId", "channelId2" -> ErrorCode.INVALID_CHANNEL_ID;
                case "pageSize" -> "listMessages".equals(method) ? ErrorCode.INVALID_MESSAGES_PAGE_SIZE
                        : ErrorCode.INVALID_CONVERSATIONS_PAGE_SIZE;
                case "startTimeStamp" -> ErrorCode.INVALID_TIMESTAMP;
                case "continuationToken" -> ErrorCode.INVALID_CONTINUATION_TOKEN;
                case "organizationId" -> ErrorCode.INVALID_ORGANIZATION_ID;
                case "conversationId" -> ErrorCode.INVALID_CONVERSATION_ID;
                default -> {
                    if (size && "text".equals(leaf)) {
                        yield ErrorCode.TEXT_TOO_LONG;
                    }
                    if (size && "conversationcontext".equals(leaf)) {
                        yield ErrorCode.TOO_MANY_CONTEXT_VARIABLES;
                    }
                    yield ErrorCode.MALFORMED_REQUEST;
                }
            };
        }

        private static String describe(ConstraintViolation<?> violation) {
            List<Path.Node> nodes = nodes(violation);
            List<String> names = new ArrayList<>();
            boolean body = false;
            for (Path.Node node : nodes) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    body = !PARAMETERS.contains(node.getName());
                    names.add(body ? "body" : node.getName());
                } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                    if (body && names.size() == 1 && names.get(0).equals("body")) {
                        names.clear();
                    }
                    names.add(node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]");
                }
            }
            return String.join(".", names) + " " + violation.getMessage();
        }

        private static List<Path.Node> nodes(ConstraintViolation<?> violation) {
            List<Path.Node> nodes = new ArrayList<>();
            violation.getPropertyPath().forEach(nodes::add);
            return nodes;
        }
    }
}
