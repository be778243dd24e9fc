package io.cairn.agent;

/**
 * {@code java -jar cairn-agent.jar --url=http://localhost:8080 --targets=<target id> --client-id=… --client-secret=…}
 * (or the {@code CAIRN_*} environment variables; see {@link AgentConfig}).
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Agent agent;
        try {
            AgentConfig config = AgentConfig.from(args, System.getenv());
            agent = new Agent(config, new CairnClient(config));
        } catch (IllegalArgumentException e) {
            System.err.println("cairn-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "cairn-agent-shutdown"));
        agent.run();
    }
}
