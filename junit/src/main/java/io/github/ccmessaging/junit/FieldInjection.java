package io.github.ccmessaging.junit;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/** Sets the {@link FromEmulator} fields of a test class or instance. */
final class FieldInjection {
    private FieldInjection() {
    }

    static void injectStatic(Class<?> testClass, Function<Class<?>, Object> values) {
        for (Field field : fields(testClass, ModifierSupport::isStatic)) {
            set(field, null, values);
        }
    }

    static void inject(Object testInstance, Function<Class<?>, Object> values) {
        for (Field field : fields(testInstance.getClass(), ModifierSupport::isNotStatic)) {
            set(field, testInstance, values);
        }
    }

    private static List<Field> fields(Class<?> testClass, Predicate<Field> which) {
        return AnnotationSupport.findAnnotatedFields(testClass, FromEmulator.class, which,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void set(Field field, Object target, Function<Class<?>, Object> values) {
        if (ModifierSupport.isFinal(field) || !Injectable.supports(field.getType())) {
            throw new ExtensionConfigurationException("@FromEmulator field " + field.getDeclaringClass().getName()
                    + "." + field.getName() + " must be non-final and of type MessagingClient, EmulatorClient, "
                    + "WebhookInbox, ChannelCredentials or URI");
        }
        try {
            ReflectionSupport.makeAccessible(field).set(target, values.apply(field.getType()));
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("Cannot set @FromEmulator field " + field.getName(), e);
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException("@FromEmulator field " + field.getName() + ": "
                    + e.getMessage(), e);
        }
    }
}
