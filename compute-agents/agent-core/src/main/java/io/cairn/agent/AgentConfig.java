package io.cairn.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's configuration: command-line options {@code --key=value} first, then environment variables
 * {@code CAIRN_KEY} (upper case, '-' as '_'). Credentials: a service account's client id with its secret (or a file
 * holding it) for OAuth2 client credentials, or a file holding a bearer token (a personal access token).
 *
 * @param url               the backend, e.g. {@code http://localhost:8080}
 * @param name              shown in {@code GET /compute/agents}
 * @param targets           compute target ids whose runs this agent leases
 * @param workDir           runs execute in {@code <workDir>/runs/<runId>/attempt-<n>}; the agent keeps its id here
 * @param leaseTtl          how long the backend keeps a lease without a heartbeat; heartbeats come every third of it
 * @param pollInterval      pause between lease requests while nothing is queued
 * @param maxParallel       runs executed at once
 * @param kinds             the executor kinds to offer (empty: every executor on the class path)
 * @param options           every option and {@code CAIRN_*} variable, for executors' own options ({@link #option})
 */
public record AgentConfig(URI url, String name, List<String> targets, Path workDir, String clientId,
                          String clientSecret, String token, Duration leaseTtl, Duration pollInterval, int maxParallel,
                          List<String> kinds, Options options) {

    public static AgentConfig from(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options are --key=value, not '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Options settings = new Options(options, env);
        String url = settings.required("url");
        List<String> targets = list(settings.required("targets"));
        List<String> kinds = list(settings.orDefault("kinds", ""));
        String secret = settings.get("client-secret");
        String secretFile = settings.get("client-secret-file");
        if (secret == null && secretFile != null) {
            secret = read(secretFile);
        }
        String tokenFile = settings.get("token-file");
        String token = tokenFile == null ? null : read(tokenFile);
        String clientId = settings.get("client-id");
        if (token == null && (clientId == null || secret == null)) {
            throw new IllegalArgumentException("Configure --client-id with --client-secret (or --client-secret-file), "
                    + "or --token-file");
        }
        return new AgentConfig(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                settings.orDefault("name", "agent-" + hostName()), targets,
                Path.of(settings.orDefault("work-dir", "./agent-work")).toAbsolutePath(), clientId, secret, token,
                Duration.ofSeconds(Long.parseLong(settings.orDefault("lease-ttl-seconds", "30"))),
                Duration.ofMillis(Long.parseLong(settings.orDefault("poll-interval-ms", "250"))),
                Integer.parseInt(settings.orDefault("max-parallel", "1")), kinds, settings);
    }

    /**
     * An executor's own option, e.g. {@code kube-namespace}: {@code --kube-namespace=…}, else the variable
     * {@code CAIRN_KUBE_NAMESPACE}; null when neither is set or it is blank.
     */
    public String option(String key) {
        String value = options.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    public Duration heartbeatInterval() {
        return leaseTtl.dividedBy(3);
    }

    /** The command-line options, then the {@code CAIRN_*} environment variables. */
    public record Options(Map<String, String> options, Map<String, String> env) {

        public Options {
            options = Map.copyOf(options);
            env = Map.copyOf(env);
        }

        /** Only the option names: values may be secrets, and the environment holds far more than Cairn's. */
        @Override
        public String toString() {
            return "Options" + options.keySet();
        }

        String get(String key) {
            String value = options.get(key);
            return value != null ? value : env.get("CAIRN_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        String orDefault(String key, String fallback) {
            String value = get(key);
            return value == null || value.isBlank() ? fallback : value;
        }

        String required(String key) {
            String value = get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Missing --" + key + " (or CAIRN_"
                        + key.toUpperCase(Locale.ROOT).replace('-', '_') + ")");
            }
            return value;
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "local" : host.toLowerCase(Locale.ROOT);
    }
}
