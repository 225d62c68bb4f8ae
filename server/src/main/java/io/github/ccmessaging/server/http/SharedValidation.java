package io.github.ccmessaging.server.http;

import jakarta.validation.Configuration;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.glassfish.hk2.utilities.binding.AbstractBinder;

/**
 * One Bean Validation bootstrap for every server in the JVM. Jersey builds a {@link ValidatorFactory} per application
 * ({@code ValidationBinder}), and with it, on the first requests, the constraint metadata of the generated models: a
 * second server in the same JVM (the next test class of a suite that starts the emulator in-process) would build both
 * again, about a third of its start. Bound above Jersey's own, the shared configuration and factory are what Jersey's
 * validation and {@link QuickValidation} use. Both are immutable once built; each application still gets validators
 * of its own (with its own constraint validator factory) from the shared factory.
 */
final class SharedValidation extends AbstractBinder {
    /** Above Jersey's bindings of the same contracts (rank 0). */
    private static final int RANK = 10;

    /** Built on first use, once per JVM. */
    private static final class Bootstrap {
        static final Configuration<?> CONFIGURATION = Validation.byDefaultProvider().configure();
        static final ValidatorFactory FACTORY = CONFIGURATION.buildValidatorFactory();
    }

    @Override
    protected void configure() {
        bind(Bootstrap.CONFIGURATION).to(Configuration.class).ranked(RANK);
        bind(Bootstrap.FACTORY).to(ValidatorFactory.class).ranked(RANK);
    }
}
