package io.cairn.agent.dl4j;

import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;

/**
 * The {@code dl4j} executor: trains the spec's MultiLayerNetwork or ComputationGraph configuration on its dataset
 * version.
 */
public class Dl4jExecutor implements RunExecutor {

    @Override
    public String kind() {
        return "dl4j";
    }

    @Override
    public Execution prepare(RunContext run) {
        return new Dl4jExecution(run);
    }
}
