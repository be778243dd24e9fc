package io.cairn.run.api;

/**
 * One measurement. {@code value} is finite unless the client logged it explicitly as "NaN", "Infinity" or
 * "-Infinity"; {@code timestamp} is epoch milliseconds.
 */
public record MetricPoint(String key, double value, long step, long timestamp) {
}
