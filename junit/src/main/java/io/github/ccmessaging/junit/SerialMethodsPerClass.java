package io.github.ccmessaging.junit;

import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Under parallel execution, a class of {@link MessagingEmulatorTest} whose state is reset before each method holds a
 * lock of its own, so its methods run one after another (a reset in one test would wipe another's conversations),
 * while other classes, each with its own emulator, run beside it.
 */
final class SerialMethodsPerClass implements ResourceLocksProvider {

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, MessagingEmulatorTest.class)
                .filter(test -> test.state() == StateLifecycle.PER_METHOD)
                .map(test -> Set.of(new Lock(SerialMethodsPerClass.class.getName() + ":" + testClass.getName(),
                        ResourceAccessMode.READ_WRITE)))
                .orElse(Set.of());
    }
}
