package io.cairn.agent.kubernetes;

import io.cairn.agent.RunContext;
import io.cairn.agent.RunExecutor;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;

/**
 * The {@code kubernetes} executor: each attempt of a run is a Kubernetes {@code Job} ({@link JobManifest}) in the
 * namespace of the run's target, followed until it ends ({@link KubernetesExecution}). One fabric8 client per agent,
 * configured by the agent's {@code --kube-…} options ({@link KubernetesOptions}) on the first lease.
 */
public class KubernetesExecutor implements RunExecutor {

    private KubernetesClient client;

    /** Found by {@link java.util.ServiceLoader}: connects on the first lease. */
    public KubernetesExecutor() {
    }

    /** With a client of one's own (tests: fabric8's mock API server). */
    KubernetesExecutor(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public Execution prepare(RunContext run) {
        KubernetesOptions options = KubernetesOptions.from(run.config());
        return new KubernetesExecution(client(options), options, run);
    }

    private synchronized KubernetesClient client(KubernetesOptions options) {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config(options)).build();
        }
        return client;
    }

    /** fabric8's default configuration (kubeconfig, then in-cluster), or the given kubeconfig; the master URL on top. */
    static Config config(KubernetesOptions options) {
        Config config = options.kubeconfig() == null ? Config.autoConfigure(null)
                : Config.fromKubeconfig(new File(options.kubeconfig()));
        return options.master() == null ? config : new ConfigBuilder(config).withMasterUrl(options.master()).build();
    }
}
