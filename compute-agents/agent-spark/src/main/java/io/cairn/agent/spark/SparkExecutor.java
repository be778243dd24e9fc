package io.cairn.agent.spark;

import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;

/** The {@code spark} executor: trains a Spark ML pipeline on the spec's dataset version in a child JVM. */
public class SparkExecutor implements RunExecutor {

    @Override
    public String kind() {
        return "spark";
    }

    @Override
    public Execution prepare(RunContext run) {
        return new SparkExecution(run);
    }
}
