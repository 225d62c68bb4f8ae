package io.github.ccmessaging.server.fastpath;

import io.github.ccmessaging.server.channel.Guids;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.CascadableDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.ElementDescriptor;
import jakarta.validation.metadata.MethodDescriptor;
import jakarta.validation.metadata.ParameterDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A one-sided, allocation-light stand-in for bean validation on the happy path: {@link #passes} answers {@code true}
 * only when every constraint that the {@link Validator}'s own metadata declares is certainly satisfied, and
 * {@code false} when one is broken <em>or</em> when it cannot tell. The caller then runs the real validation, which
 * finds and reports the violations exactly as before. So a request that breaks a constraint always gets the answer
 * of bean validation; a request that keeps them all skips its cost (about 11 KB of allocation per message).
 *
 * <p>The constraints are read from {@link Validator#getConstraintsForClass}, never from the annotations directly,
 * so the check sees what Hibernate Validator sees (inherited interface constraints, cascades, container elements).
 * It understands {@code @NotNull}, {@code @Size}, {@code @Pattern}, and {@code @Min} and {@code @Max} of whole numbers
 * (the constraints the OpenAPI generator emits for the request bodies, headers and query parameters of this API),
 * {@code @Valid} cascades into beans, lists, maps and arrays, and
 * container-element constraints of lists and map values. Anything else — another constraint, a class-level or
 * cross-parameter constraint, a composed constraint, a property it cannot read — makes the element "unsure", and
 * validation of that element always takes the full path.
 */
final class QuickCheck {
    /** Whether one value certainly satisfies its constraints. */
    @FunctionalInterface
    interface Check {
        boolean passes(Object value);
    }

    /** The answer for anything not understood: run the real validation. */
    static final Check UNSURE = value -> false;
    private static final Check ALWAYS = value -> true;

    private final Validator validator;
    private final ClassValue<Check> beans = new ClassValue<>() {
        @Override
        protected Check computeValue(Class<?> type) {
            return beanCheck(type);
        }
    };

    QuickCheck(Validator validator) {
        this.validator = validator;
    }

    /** True when {@code bean} (of any class) certainly has no violation, its cascades included. */
    boolean passes(Object bean) {
        return bean == null || beans.get(bean.getClass()).passes(bean);
    }

    /**
     * The checks of a method's parameters, one per parameter, or {@code null} when the method's validation cannot be
     * decided here (constraints on the resource itself, cross-parameter constraints).
     */
    Check[] parameters(Class<?> resourceClass, Method method) {
        BeanDescriptor resource = validator.getConstraintsForClass(resourceClass);
        if (resource.isBeanConstrained()) {
            return null;
        }
        Check[] checks = new Check[method.getParameterCount()];
        MethodDescriptor descriptor = resource.getConstraintsForMethod(method.getName(), method.getParameterTypes());
        if (descriptor == null) {
            java.util.Arrays.fill(checks, ALWAYS);
            return checks;
        }
        if (descriptor.getCrossParameterDescriptor().hasConstraints()) {
            return null;
        }
        java.util.Arrays.fill(checks, ALWAYS);
        for (ParameterDescriptor parameter : descriptor.getParameterDescriptors()) {
            checks[parameter.getIndex()] = elementCheck(parameter, parameter, parameter);
        }
        return checks;
    }

    private Check beanCheck(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")) {
            return ALWAYS; // the JDK's classes carry no constraint annotations
        }
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            return UNSURE;
        }
        List<Check> properties = new ArrayList<>();
        for (PropertyDescriptor property : bean.getConstrainedProperties()) {
            Function<Object, Object> reader = reader(type, property.getPropertyName());
            Check check = elementCheck(property, property, property);
            if (reader == null || check == UNSURE) {
                return UNSURE;
            }
            properties.add(value -> {
                try {
                    return check.passes(reader.apply(value));
                } catch (RuntimeException failed) {
                    return false; // let the real validation meet the same failure
                }
            });
        }
        Check[] all = properties.toArray(Check[]::new);
        return value -> {
            for (Check check : all) {
                if (!check.passes(value)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Constraints on the element itself, its cascade, and its container elements. */
    private Check elementCheck(ElementDescriptor element, CascadableDescriptor cascadable, ContainerDescriptor container) {
        List<Check> checks = new ArrayList<>();
        for (ConstraintDescriptor<?> constraint : element.getConstraintDescriptors()) {
            checks.add(constraintCheck(constraint));
        }
        if (cascadable.isCascaded()) {
            checks.add(this::cascade);
        }
        for (ContainerElementTypeDescriptor elements : container.getConstrainedContainerElementTypes()) {
            checks.add(containerCheck(elements));
        }
        return all(checks);
    }

    private Check containerCheck(ContainerElementTypeDescriptor elements) {
        Check each = elementCheck(elements, elements, elements);
        if (each == UNSURE || each == ALWAYS) {
            return each;
        }
        Class<?> containerClass = elements.getContainerClass();
        Integer index = elements.getTypeArgumentIndex();
        if (Iterable.class.isAssignableFrom(containerClass) && Integer.valueOf(0).equals(index)) {
            return value -> {
                if (value == null) {
                    return true;
                }
                if (!(value instanceof Iterable<?> iterable)) {
                    return false;
                }
                for (Object item : iterable) {
                    if (!each.passes(item)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (Map.class.isAssignableFrom(containerClass) && (Integer.valueOf(0).equals(index)
                || Integer.valueOf(1).equals(index))) {
            boolean keys = Integer.valueOf(0).equals(index);
            return value -> {
                if (value == null) {
                    return true;
                }
                if (!(value instanceof Map<?, ?> map)) {
                    return false;
                }
                for (Object item : keys ? map.keySet() : map.values()) {
                    if (!each.passes(item)) {
                        return false;
                    }
                }
                return true;
            };
        }
        return UNSURE;
    }

    /** {@code @Valid}: the value's own constraints by its runtime class, and those of what it contains. */
    private boolean cascade(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Optional<?> optional) {
            return cascade(optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!cascade(entry.getKey()) || !cascade(entry.getValue())) {
                    return false;
                }
            }
        } else if (value instanceof Iterable<?> iterable) {
            for (Object item : iterable) {
                if (!cascade(item)) {
                    return false;
                }
            }
        } else if (value instanceof Object[] array) {
            for (Object item : array) {
                if (!cascade(item)) {
                    return false;
                }
            }
        }
        return beans.get(value.getClass()).passes(value);
    }

    private static Check constraintCheck(ConstraintDescriptor<?> constraint) {
        if (!constraint.getComposingConstraints().isEmpty()) {
            return UNSURE;
        }
        Annotation annotation = constraint.getAnnotation();
        if (annotation instanceof NotNull) {
            return value -> value != null;
        }
        if (annotation instanceof Size size) {
            int min = size.min();
            int max = size.max();
            return value -> {
                int length;
                if (value == null) {
                    return true;
                } else if (value instanceof CharSequence text) {
                    length = text.length();
                } else if (value instanceof Collection<?> collection) {
                    length = collection.size();
                } else if (value instanceof Map<?, ?> map) {
                    length = map.size();
                } else if (value instanceof Object[] array) {
                    length = array.length;
                } else {
                    return false;
                }
                return length >= min && length <= max;
            };
        }
        if (annotation instanceof Min min) {
            long bound = min.value();
            return value -> value == null || isWholeNumber(value) && ((Number) value).longValue() >= bound;
        }
        if (annotation instanceof Max max) {
            long bound = max.value();
            return value -> value == null || isWholeNumber(value) && ((Number) value).longValue() <= bound;
        }
        if (annotation instanceof Pattern pattern) {
            int flags = 0;
            for (Pattern.Flag flag : pattern.flags()) {
                flags |= flag.getValue();
            }
            if (flags == 0 && Guids.PATTERN.equals(pattern.regexp())) {
                // the generated GUID pattern, checked without a regex Matcher
                return value -> value == null || value instanceof CharSequence text && Guids.isGuid(text);
            }
            java.util.regex.Pattern regex;
            try {
                regex = java.util.regex.Pattern.compile(pattern.regexp(), flags);
            } catch (IllegalArgumentException invalid) {
                return UNSURE;
            }
            return value -> value == null || value instanceof CharSequence text && regex.matcher(text).matches();
        }
        return UNSURE;
    }

    /** The boxed types whose {@code longValue()} is exact; any other value is left to the real validation. */
    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static Check all(List<Check> checks) {
        if (checks.contains(UNSURE)) {
            return UNSURE;
        }
        if (checks.isEmpty()) {
            return ALWAYS;
        }
        if (checks.size() == 1) {
            return checks.get(0);
        }
        Check[] array = checks.toArray(Check[]::new);
        return value -> {
            for (Check check : array) {
                if (!check.passes(value)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * The property's getter as a {@link Function} (a lambda class that the JIT inlines like any other call), or its
     * field when there is no public getter; {@code null} when neither can be read.
     */
    private static Function<Object, Object> reader(Class<?> type, String property) {
        String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : new String[] {"get" + capitalized, "is" + capitalized}) {
            try {
                Method getter = type.getMethod(name);
                if (!Modifier.isStatic(getter.getModifiers()) && getter.getReturnType() != void.class
                        && Modifier.isPublic(getter.getDeclaringClass().getModifiers())) {
                    return getterFunction(getter);
                }
            } catch (NoSuchMethodException notThisOne) {
                // try the next form
            } catch (Throwable unusable) {
                break;
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(property);
                field.setAccessible(true);
                return bean -> {
                    try {
                        return field.get(bean);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                };
            } catch (NoSuchFieldException | RuntimeException notThisOne) {
                // a superclass may declare it
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> getterFunction(Method getter) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle handle = lookup.unreflect(getter);
        Class<?> returned = getter.getReturnType();
        MethodType instantiated = MethodType.methodType(
                returned.isPrimitive() ? MethodType.methodType(returned).wrap().returnType() : returned,
                getter.getDeclaringClass());
        CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                MethodType.methodType(Object.class, Object.class), handle, instantiated);
        return (Function<Object, Object>) site.getTarget().invoke();
    }
}
