package io.cairn.modelserver;

import java.nio.file.Path;

/**
 * How the server listens and what it accepts: bind address (loopback by default), port (0 picks a free one),
 * HTTP worker threads, rows per request, body bytes, and the work directory where artifacts are downloaded
 * and unpacked.
 */
public record ServerConfig(String host, int port, int threads, int maxRows, long maxBodyBytes, Path workDir) {

    public static final int DEFAULT_MAX_ROWS = 1000;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;

    public static ServerConfig defaults(Path workDir) {
        return new ServerConfig("127.0.0.1", 8081, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                DEFAULT_MAX_ROWS, DEFAULT_MAX_BODY_BYTES, workDir);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, threads, maxRows, maxBodyBytes, workDir);
    }

    public ServerConfig withMaxRows(int newMaxRows) {
        return new ServerConfig(host, port, threads, newMaxRows, maxBodyBytes, workDir);
    }
}
