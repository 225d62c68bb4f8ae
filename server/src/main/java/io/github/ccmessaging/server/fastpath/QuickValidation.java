package io.github.ccmessaging.server.fastpath;

import jakarta.validation.Validator;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.jersey.server.spi.ValidationInterceptor;
import org.glassfish.jersey.server.spi.ValidationInterceptorContext;

/**
 * Jersey's bean validation of resource method parameters, with a fast path for requests that break no constraint.
 *
 * <p>Jersey validates the parameters of every resource method as an executable (the header and path
 * {@code @Pattern}s of the generated interfaces, then the cascade into the body): in the profiles, the largest part
 * of the hot path's cost. This interceptor runs first: when {@link QuickCheck} is certain that every argument keeps
 * its constraints, the request goes on without the executable validation; otherwise — a violation, or anything the
 * quick check does not understand — it {@linkplain ValidationInterceptorContext#proceed() proceeds} to Jersey's own
 * validation, which throws the same {@code ConstraintViolationException} as without this class, so every error
 * response stays as it was.
 */
public final class QuickValidation implements ValidationInterceptor {
    /** Jersey's validator: the constraint metadata comes from the same place as the real validation's. */
    @Context
    private Validator validator;

    private volatile QuickCheck quick;
    private final Map<Method, Plan> plans = new ConcurrentHashMap<>();
    private final LongAdder skipped;

    /** Counts the requests that took the fast path in {@code skipped}. */
    QuickValidation(LongAdder skipped) {
        this.skipped = skipped;
    }

    /** With this validator's metadata instead of the one Jersey injects (tests, the JMH benchmark). */
    public QuickValidation(Validator validator) {
        this.validator = validator;
        this.skipped = new LongAdder();
    }

    private record Plan(Class<?> resourceClass, QuickCheck.Check[] parameters) {
    }

    @Override
    public void onValidate(ValidationInterceptorContext context) {
        Object[] args = context.getArgs();
        if (passes(context.getResource(), context.getInvocable().getHandlingMethod(), args)) {
            if (args.length > 0) {
                skipped.increment();
            }
        } else {
            context.proceed();
        }
    }

    /** True when the arguments of {@code method} certainly keep every constraint; false: validate them in full. */
    public boolean passes(Object resource, Method method, Object[] args) {
        QuickCheck check = quickCheck();
        if (check == null || resource == null || method == null || args == null) {
            return false;
        }
        Plan plan = plans.get(method);
        if (plan == null) {
            plan = plans.computeIfAbsent(method, m -> new Plan(resource.getClass(),
                    check.parameters(resource.getClass(), m)));
        }
        QuickCheck.Check[] parameters = plan.parameters();
        if (parameters == null || plan.resourceClass() != resource.getClass() || parameters.length != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            if (!parameters[i].passes(args[i])) {
                return false;
            }
        }
        return true;
    }

    private QuickCheck quickCheck() {
        QuickCheck check = quick;
        if (check == null && validator != null) {
            check = new QuickCheck(validator);
            quick = check;
        }
        return check;
    }
}
