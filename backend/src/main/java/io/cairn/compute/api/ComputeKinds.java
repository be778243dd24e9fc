package io.cairn.compute.api;

import java.util.List;

/** The executor kinds a compute target, a run spec and an agent's capabilities name. */
public final class ComputeKinds {

    public static final String PROCESS = "process";
    public static final List<String> ALL = List.of(PROCESS, "dl4j", "spark", "kubernetes");

    private ComputeKinds() {
    }
}
