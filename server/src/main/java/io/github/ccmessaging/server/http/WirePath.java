package io.github.ccmessaging.server.http;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.github.ccmessaging.server.problem.ConstraintCodes;
import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a bean-validation violation of a resource method sits, named as the wire format names it: a parameter by the
 * header, path or query name it is sent under ({@code channel-id}, {@code PageSize}), a body member by its JSON path
 * ({@code channelData.messagingapi-oc.type}, {@code attachments[1].contentType}, a map's value by its key as a member:
 * {@code conversationcontext.order.value}), as Jackson's own messages name them — never by the generated Java names
 * ({@code channelId2}, {@code messagingapiOc}).
 *
 * @param code the documented code that answers the violation
 * @param where the parameter or JSON path, as the detail text names it
 */
record WirePath(ErrorCode code, String where) {

    /** Names violations; knows the JSON names of the model classes through the server's own Jackson mapper. */
    static final class Namer {
        private final ObjectMapper json;
        private final ClassValue<Map<String, BeanPropertyDefinition>> properties = new ClassValue<>() {
            @Override
            protected Map<String, BeanPropertyDefinition> computeValue(Class<?> type) {
                BeanDescription bean = json.getSerializationConfig().introspect(json.constructType(type));
                Map<String, BeanPropertyDefinition> byJavaName = new HashMap<>();
                for (BeanPropertyDefinition property : bean.findProperties()) {
                    byJavaName.put(property.getInternalName(), property);
                }
                return byJavaName;
            }
        };

        Namer(ObjectMapper json) {
            this.json = json;
        }

        WirePath of(ConstraintViolation<?> violation) {
            List<Path.Node> nodes = new java.util.ArrayList<>();
            violation.getPropertyPath().forEach(nodes::add);
            String operation = nodes.isEmpty() ? "" : nodes.get(0).getName();
            for (int i = 0; i < nodes.size(); i++) {
                Path.Node node = nodes.get(i);
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return new WirePath(ErrorCode.SERIALIZATION_FAILED, "the response");
                }
                if (node.getKind() == ElementKind.PARAMETER) {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    Annotation sentAs = sentAs(violation.getRootBeanClass(), operation, index);
                    if (sentAs != null) {
                        String in = in(sentAs);
                        String name = name(sentAs);
                        return new WirePath(ConstraintCodes.ofParameter(operation, in, name), name);
                    }
                    Object[] arguments = violation.getExecutableParameters();
                    Object body = arguments == null || index >= arguments.length ? null : arguments[index];
                    return member(body, nodes.subList(i + 1, nodes.size()));
                }
            }
            return member(violation.getRootBean(), nodes);
        }

        /** The JSON path within the body, and the code of the member it ends at. */
        private WirePath member(Object body, List<Path.Node> nodes) {
            StringBuilder where = new StringBuilder();
            Object current = body;
            ErrorCode code = ErrorCode.MALFORMED_REQUEST;
            for (Path.Node node : nodes) {
                if (node.isInIterable()) {
                    // the index or key belongs to the container the previous node named; a key reads as a member
                    where.append(node.getKey() != null ? "." + node.getKey()
                            : node.getIndex() != null ? "[" + node.getIndex() + "]" : "[]");
                    current = element(current, node);
                }
                if (node.getKind() == ElementKind.PROPERTY && current != null) {
                    BeanPropertyDefinition property = properties.get(current.getClass()).get(node.getName());
                    String name = property == null ? node.getName() : property.getName();
                    where.append(where.isEmpty() ? "" : ".").append(name);
                    code = ConstraintCodes.ofMember(current.getClass().getSimpleName(), name);
                    current = value(property, current);
                }
            }
            return new WirePath(code, where.isEmpty() ? "body" : where.toString());
        }

        private static Object element(Object container, Path.Node node) {
            if (container instanceof Map<?, ?> map) {
                return map.get(node.getKey());
            }
            if (container instanceof List<?> list && node.getIndex() != null && node.getIndex() < list.size()) {
                return list.get(node.getIndex());
            }
            return null;
        }

        private static Object value(BeanPropertyDefinition property, Object bean) {
            AnnotatedMember accessor = property == null ? null : property.getAccessor();
            if (accessor == null) {
                return null;
            }
            try {
                return accessor.getValue(bean);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        /** The JAX-RS annotation that names the parameter on the wire, or null for the request body. */
        private static Annotation sentAs(Class<?> resource, String method, int index) {
            for (Class<?> type : declaringTypes(resource)) {
                for (Method candidate : type.getMethods()) {
                    if (candidate.getName().equals(method) && index < candidate.getParameterCount()) {
                        for (Annotation annotation : candidate.getParameterAnnotations()[index]) {
                            if (annotation instanceof HeaderParam || annotation instanceof PathParam
                                    || annotation instanceof QueryParam) {
                                return annotation;
                            }
                        }
                    }
                }
            }
            return null;
        }

        /** The generated interfaces carry the JAX-RS annotations; the resource classes implement them. */
        private static List<Class<?>> declaringTypes(Class<?> resource) {
            List<Class<?>> types = new java.util.ArrayList<>(List.of(resource.getInterfaces()));
            types.add(resource);
            return types;
        }

        private static String in(Annotation annotation) {
            return annotation instanceof HeaderParam ? "header" : annotation instanceof PathParam ? "path" : "query";
        }

        private static String name(Annotation annotation) {
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
            return annotation instanceof PathParam path ? path.value() : ((QueryParam) annotation).value();
        }
    }
}
