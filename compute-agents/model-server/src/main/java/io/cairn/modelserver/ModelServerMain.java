package io.cairn.modelserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Command line of the model server. Two ways to get the model:
 * <pre>
 *   --backend-url URL --model ID_OR_NAME [--version N | --alias NAME] [--org ORG]
 *       credential from CAIRN_TOKEN, or CAIRN_CLIENT_ID + CAIRN_CLIENT_SECRET (environment, kept out of ps)
 *   --model-path PATH --flavor dl4j|spark-ml --signature FILE_OR_JSON
 * </pre>
 * Common: {@code --host} (127.0.0.1), {@code --port} (8081), {@code --work-dir} (./model-server-work),
 * {@code --threads}, {@code --max-rows} (1000), {@code --max-body-bytes} (8 MiB). Exit code 2 for bad arguments,
 * 1 when the model does not load.
 */
public final class ModelServerMain {

    private static final Set<String> OPTIONS = Set.of("backend-url", "model", "version", "alias", "org", "model-path",
            "flavor", "signature", "host", "port", "work-dir", "threads", "max-rows", "max-body-bytes");

    private ModelServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        Supplier<LoadedModel> loader;
        ServerConfig config;
        try {
            options = parse(args);
            config = config(options);
            loader = loader(options, config.workDir(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("model-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(config.workDir());
        ModelServer server = ModelServer.start(config, loader);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "model-server-shutdown"));
        try {
            server.awaitReady(Duration.ofDays(1));
        } catch (ModelLoadException e) {
            System.err.println("model-server: the model did not load: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; known: --"
                        + String.join(", --", OPTIONS.stream().sorted().toList()));
            }
            options.put(name, value);
        }
        return options;
    }

    static ServerConfig config(Map<String, String> options) {
        ServerConfig defaults = ServerConfig.defaults(Path.of(options.getOrDefault("work-dir", "model-server-work")));
        return new ServerConfig(options.getOrDefault("host", defaults.host()),
                integer(options, "port", defaults.port()),
                integer(options, "threads", defaults.threads()),
                integer(options, "max-rows", defaults.maxRows()),
                integer(options, "max-body-bytes", (int) defaults.maxBodyBytes()),
                defaults.workDir());
    }

    static Supplier<LoadedModel> loader(Map<String, String> options, Path workDir, Map<String, String> env) {
        boolean local = options.containsKey("model-path");
        boolean remote = options.containsKey("backend-url");
        if (local == remote) {
            throw new IllegalArgumentException("Give either --model-path (with --flavor and --signature) or "
                    + "--backend-url (with --model)");
        }
        if (local) {
            Path path = Path.of(options.get("model-path"));
            String flavor = required(options, "flavor");
            Signature signature = signature(required(options, "signature"));
            return () -> ModelLoader.fromPath(path, flavor, signature, workDir);
        }
        if (options.containsKey("version") && options.containsKey("alias")) {
            throw new IllegalArgumentException("Give --version or --alias, not both");
        }
        BackendClient.ModelRef ref = new BackendClient.ModelRef(required(options, "model"),
                options.containsKey("version") ? integer(options, "version", 0) : null, options.get("alias"));
        BackendClient client = new BackendClient(options.get("backend-url"), new BackendClient.Credentials(
                env.get("CAIRN_TOKEN"), env.get("CAIRN_CLIENT_ID"), env.get("CAIRN_CLIENT_SECRET")),
                options.get("org"));
        return () -> client.load(ref, workDir);
    }

    /** A signature from a JSON file, or the JSON text itself. */
    static Signature signature(String fileOrJson) {
        ObjectMapper json = new ObjectMapper();
        try {
            String text = fileOrJson.trim().startsWith("{") ? fileOrJson : Files.readString(Path.of(fileOrJson));
            return Signature.fromJson(json.readTree(text));
        } catch (IOException | ModelLoadException e) {
            throw new IllegalArgumentException("--signature: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number; got '" + value + "'");
        }
    }
}
