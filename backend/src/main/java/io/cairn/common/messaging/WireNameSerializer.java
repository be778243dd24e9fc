package io.cairn.common.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Axon's Jackson serializer, but types annotated with {@link WireName} are stored under that name instead
 * of their class name. Types without the annotation (Axon's own tokens, snapshots) keep their class name.
 */
public final class WireNameSerializer extends JacksonSerializer {

    private final Map<Class<?>, String> namesByType;
    private final Map<String, String> classNamesByName;

    private WireNameSerializer(Builder builder, Map<Class<?>, String> namesByType) {
        super(builder);
        this.namesByType = Map.copyOf(namesByType);
        Map<String, String> reverse = new HashMap<>();
        namesByType.forEach((type, name) -> {
            String previous = reverse.put(name, type.getName());
            if (previous != null) {
                throw new IllegalStateException("Wire name '" + name + "' is used by " + previous + " and " + type.getName());
            }
        });
        this.classNamesByName = Map.copyOf(reverse);
    }

    /** A serializer knowing every {@link WireName} type below {@code basePackage}. */
    public static WireNameSerializer forPackage(String basePackage, ObjectMapper objectMapper) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(WireName.class));
        Map<Class<?>, String> names = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), WireNameSerializer.class.getClassLoader());
            names.put(type, type.getAnnotation(WireName.class).value());
        }
        Builder builder = JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(WireNameSerializer.class.getClassLoader()));
        return new WireNameSerializer(builder, names);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        String name = type == null ? null : namesByType.get(type);
        if (name == null) {
            return super.typeForClass(type);
        }
        return new SimpleSerializedType(name, super.typeForClass(type).getRevision());
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return classNamesByName.getOrDefault(serializedType.getName(), serializedType.getName());
    }
}
