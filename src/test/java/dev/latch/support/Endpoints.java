package dev.latch.support;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Every JAX-RS method the WAR declares, read from its compiled classes rather than a hand list. */
public final class Endpoints {

    public record Endpoint(String method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Endpoints() {}

    public static Set<Endpoint> declared() {
        return scan(method -> true);
    }

    /** Those whose method takes a body: an entity parameter or form fields. */
    public static Set<Endpoint> readingBodies() {
        return scan(Endpoints::readsBody);
    }

    /** Those whose body is a form. */
    public static Set<Endpoint> readingForms() {
        return scan(
                method ->
                        Arrays.stream(method.getParameters())
                                .anyMatch(p -> p.isAnnotationPresent(FormParam.class)));
    }

    private static boolean readsBody(Method method) {
        for (Parameter parameter : method.getParameters()) {
            boolean bound =
                    Arrays.stream(parameter.getAnnotations())
                            .map(a -> a.annotationType().getPackageName())
                            .anyMatch(
                                    p ->
                                            p.equals("jakarta.ws.rs")
                                                    || p.equals("jakarta.ws.rs.core"));
            if (!bound || parameter.isAnnotationPresent(FormParam.class)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Endpoint> scan(Predicate<Method> which) {
        Set<Endpoint> endpoints = new TreeSet<>();
        for (JavaClass type :
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.latch")) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = type.reflect();
            Path base = resource.getAnnotation(Path.class);
            for (Method method : resource.getDeclaredMethods()) {
                for (var annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null && which.test(method)) {
                        Path sub = method.getAnnotation(Path.class);
                        String path =
                                "/api/" + base.value() + (sub == null ? "" : "/" + sub.value());
                        endpoints.add(
                                new Endpoint(
                                        http.value(),
                                        path.replaceAll("/+", "/").replaceAll("/$", "")));
                    }
                }
            }
        }
        return endpoints;
    }
}
