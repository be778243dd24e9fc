package io.cairn.run.api;

import java.util.List;
import java.util.Map;

/**
 * The environment a run executed in, recorded for reproducibility. {@code variables} must not carry
 * secrets: they are stored in the immutable event log.
 */
public record EnvironmentSpec(String runtime, String image, List<String> dependencies, Map<String, String> variables,
                              Resources resources) {

    /** Requested resources: CPU cores, memory in MiB, GPU count. */
    public record Resources(Double cpu, Long memoryMb, Integer gpu) {
    }
}
