package io.cairn.compute.api;

/**
 * Settings of a compute target; each applies to some kinds only.
 *
 * @param sparkMaster       {@code spark}: {@code local[N]}, {@code spark://host:port} or {@code k8s://https://…}
 * @param namespace         {@code kubernetes}: the namespace Jobs are created in
 * @param gpus              GPUs the target offers (0 when absent)
 * @param maxConcurrentRuns runs of the target executing at once, over all its agents (unlimited when absent)
 */
public record TargetSettings(String sparkMaster, String namespace, Integer gpus, Integer maxConcurrentRuns) {

    public static TargetSettings none() {
        return new TargetSettings(null, null, null, null);
    }
}
