package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.Attachment;
import io.github.ccmessaging.server.model.MessageActivity;
import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Names violations without a server: parameters by their JAX-RS names, members by JSON paths, results as ours. */
class WirePathTest {
    private static ValidatorFactory factory;
    private static Validator validator;
    private final WirePath.Namer names = new WirePath.Namer(new ObjectMapper());

    /** A resource interface as the generator writes them: the wire names are on the interface's parameters. */
    interface Listing {
        @Size(max = 1)
        String listMessages(@QueryParam("PageSize") @Size(max = 2) String pageSize);
    }

    static final class ListingResource implements Listing {
        @Override
        public String listMessages(String pageSize) {
            return pageSize;
        }
    }

    @BeforeAll
    static void start() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    private static Method listMessages() throws NoSuchMethodException {
        return ListingResource.class.getMethod("listMessages", String.class);
    }

    @Test
    void aParameterIsNamedByTheNameItIsSentUnderWithTheCodeOfItsOperation() throws Exception {
        Set<ConstraintViolation<ListingResource>> violations = validator.forExecutables()
                .validateParameters(new ListingResource(), listMessages(), new Object[] {"abc"});
        assertThat(violations).hasSize(1);
        assertThat(names.of(violations.iterator().next()))
                .isEqualTo(new WirePath(ErrorCode.INVALID_MESSAGES_PAGE_SIZE, "PageSize"));
    }

    @Test
    void aBrokenResultIsTheServersFailureNotTheCallers() throws Exception {
        Set<ConstraintViolation<ListingResource>> violations = validator.forExecutables()
                .validateReturnValue(new ListingResource(), listMessages(), "too long");
        assertThat(violations).hasSize(1);
        assertThat(names.of(violations.iterator().next()).code()).isEqualTo(ErrorCode.SERIALIZATION_FAILED);
    }

    @Test
    void aBeanValidatedOnItsOwnIsNamedFromItsRoot() {
        MessageActivity activity = new MessageActivity(MessageActivity.TypeEnum.MESSAGE)
                .attachments(List.of(new Attachment(), new Attachment().name("n".repeat(257))));
        Set<ConstraintViolation<MessageActivity>> violations = validator.validate(activity);
        assertThat(violations).hasSize(1);
        assertThat(names.of(violations.iterator().next()))
                .isEqualTo(new WirePath(ErrorCode.MALFORMED_REQUEST, "attachments[1].name"));
    }
}
