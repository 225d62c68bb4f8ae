package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ConstraintCodes;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.StoreFailure;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.container.ResourceInfo;
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

    static List<Object> all(ObjectMapper json) {
        return List.of(new ApiProblems(), new Violations(json), new MalformedJson(), new HttpErrors(), new StoreFailures(),
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
        private ResourceInfo resource;

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e.getResponse().hasEntity()) {
                return e.getResponse();
            }
            if (e instanceof ParamException.QueryParamException query) {
                String operation = resource == null || resource.getResourceMethod() == null ? ""
                        : resource.getResourceMethod().getName();
                return ProblemResponses.of(ConstraintCodes.ofParameter(operation, "query", query.getParameterName()),
                        query.getParameterName() + " is not a valid value.");
            }
            if (e instanceof NotSupportedException) {
                return ProblemResponses.of(ErrorCode.MALFORMED_REQUEST, "The request body must be application/json.");
            }
            Response.StatusType status = e.getResponse().getStatusInfo();
            Response problem = ProblemResponses.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
            if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
                // a 405 says which methods the path has
                return Response.fromResponse(problem)
                        .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
            }
            return problem;
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

    /**
     * Bean-validation failures of the generated interfaces, answered with the code of the element that broke and a
     * detail that names it as the wire format does.
     */
    static final class Violations implements ExceptionMapper<ConstraintViolationException> {
        private final WirePath.Namer names;

        Violations(ObjectMapper json) {
            this.names = new WirePath.Namer(json);
        }

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Broken> broken = new ArrayList<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                broken.add(new Broken(names.of(violation), violation.getMessage()));
            }
            broken.sort(Comparator.comparing(Broken::text));
            // a documented code of its own says more than the general 30012
            ErrorCode code = broken.stream().map(b -> b.where().code())
                    .min(Comparator.comparingInt(c -> c == ErrorCode.MALFORMED_REQUEST ? 1 : 0))
                    .orElse(ErrorCode.MALFORMED_REQUEST);
            return ProblemResponses.of(code, broken.stream().map(Broken::text).collect(Collectors.joining("; ")));
        }

        private record Broken(WirePath where, String message) {
            String text() {
                return where.where() + " " + message;
            }
        }
    }
}
