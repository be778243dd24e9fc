package io.cairn.agent;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an executor that trains in a child JVM (dl4j, spark) gives it: this JVM's {@code java} and class path (the
 * agent's jar with its {@code lib/}, absolute because the child runs in the attempt directory), and the spec's
 * resource requests and environment variables.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** This JVM's {@code java} executable. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with absolute entries. */
    public static String classPath() {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, classPath);
    }

    /** Half the spec's memory request (at least 64 MB), or {@code fallbackMb} when it requests none. */
    public static long heapMb(JsonNode spec, long fallbackMb) {
        JsonNode memory = spec.path("environment").path("resources").path("memoryMb");
        return memory.isNumber() && memory.asLong() > 0 ? Math.max(64, memory.asLong() / 2) : fallbackMb;
    }

    /** The spec's cpu request rounded up, at least 1 (1 when it requests none). */
    public static long cores(JsonNode spec) {
        JsonNode cpu = spec.path("environment").path("resources").path("cpu");
        return cpu.isNumber() ? Math.max(1, (long) Math.ceil(cpu.asDouble())) : 1;
    }

    /** The spec's environment variables and {@code CAIRN_RUN_ID}. */
    public static Map<String, String> variables(JsonNode spec, String runId) {
        Map<String, String> environment = new HashMap<>();
        spec.path("environment").path("variables").properties()
                .forEach(variable -> environment.put(variable.getKey(), variable.getValue().asString()));
        environment.put("CAIRN_RUN_ID", runId);
        return environment;
    }
}
