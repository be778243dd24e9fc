package io.cairn.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * fabric8's mock Kubernetes API server in CRUD mode (it stores what clients write and answers reads from it):
 * there is no real kube-apiserver on the build machines, so the kubernetes deployment target is tested only
 * against this.
 */
public final class KubernetesMock {

    private static KubernetesMockServer shared;

    private KubernetesMock() {
    }

    /** A new server on a free port of this machine, over plain HTTP. */
    public static KubernetesMockServer crudServer() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return server;
    }

    /** The server of the API tests' application, started once per JVM and left to the JVM's end. */
    public static synchronized KubernetesMockServer shared() {
        if (shared == null) {
            shared = crudServer();
        }
        return shared;
    }

    /** The URL a client gives as master URL to reach {@code server}. */
    public static String masterUrl(KubernetesMockServer server) {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }
}
