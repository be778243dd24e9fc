package io.cairn.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * An executor of one kind of run ({@code process}, {@code dl4j}, …). Executors are found on the class path with
 * {@link ServiceLoader} ({@code META-INF/services/io.cairn.agent.RunExecutor}): an agent registers the kinds of
 * the executors it finds as its capabilities and is offered only runs of targets of those kinds. agent-core
 * brings {@code process}; a module such as agent-dl4j adds its executor by being on the class path.
 */
public interface RunExecutor {

    /** The kind of compute target whose runs this executor runs, e.g. {@code process}. */
    String kind();

    /** Prepares one attempt of a leased run; the agent then calls {@link Execution#run} on a worker thread. */
    Execution prepare(RunContext run);

    /** One attempt of a run, started by {@link #run} and stoppable from another thread with {@link #cancel}. */
    interface Execution {

        /** Executes the attempt to its end; {@link Outcome#killed} once {@link #cancel} was called. */
        Outcome run() throws java.io.IOException, InterruptedException;

        /** Stops the attempt (the run was killed, or is no longer leased to this agent). */
        void cancel();
    }

    /**
     * How an attempt ended, as reported to the backend ({@code POST /compute/agents/{id}/runs/{runId}/complete}).
     *
     * @param status   FINISHED, FAILED or KILLED
     * @param exitCode the process's exit code, when one exited
     * @param reason   why the attempt did not finish
     */
    record Outcome(String status, Integer exitCode, String reason) {

        public static Outcome failed(String reason) {
            return new Outcome("FAILED", null, reason);
        }

        public static Outcome killed() {
            return new Outcome("KILLED", null, "Cancelled through the API; the process was stopped");
        }
    }

    /**
     * The executors on the class path by kind, restricted to {@code kinds} unless empty (the first found wins
     * when two claim one kind).
     */
    static Map<String, RunExecutor> discover(List<String> kinds) {
        Map<String, RunExecutor> executors = new LinkedHashMap<>();
        for (RunExecutor executor : ServiceLoader.load(RunExecutor.class)) {
            if (kinds.isEmpty() || kinds.contains(executor.kind())) {
                executors.putIfAbsent(executor.kind(), executor);
            }
        }
        for (String kind : kinds) {
            if (!executors.containsKey(kind)) {
                throw new IllegalArgumentException("No executor of kind '" + kind + "' on the class path (found: "
                        + String.join(", ", discover(List.of()).keySet()) + ")");
            }
        }
        return executors;
    }
}
