package io.cairn.mlflow.web;

import io.cairn.common.validation.Inputs;
import io.cairn.run.api.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's logging requests checked against MLflow's limits before anything is written: per {@code log-batch} at
 * most 1000 metrics, 100 params, 100 tags and 1000 items in all, in a body of at most 1 MB; keys of at most 250
 * characters, param values of at most 6000 and tag values of at most 8000 (MLflow's own limits). A param repeated
 * with another value is refused (params are immutable); tags are overwritten; metrics appended.
 */
final class LogBatch {

    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_ITEMS = 1000;
    static final long MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_TAG_VALUE_LENGTH = 8000;

    private LogBatch() {
    }

    record Parsed(List<MetricPoint> metrics, Map<String, String> params, Map<String, String> tags) {
    }

    static void requireBodySize(long contentLength) {
        if (contentLength > MAX_BODY_BYTES) {
            throw MlflowException.invalid("Batched logging API requests must be at most 1 MB in size; got "
                    + contentLength + " bytes");
        }
    }

    static Parsed parse(WireRequest request) {
        int metrics = request.size("metrics");
        int params = request.size("params");
        int tags = request.size("tags");
        limit("metrics", metrics, MAX_METRICS);
        limit("params", params, MAX_PARAMS);
        limit("tags", tags, MAX_TAGS);
        if (metrics + params + tags > MAX_ITEMS) {
            throw MlflowException.invalid("A batch logging request can contain at most " + MAX_ITEMS
                    + " metrics, params and tags in total; got " + (metrics + params + tags));
        }
        List<MetricPoint> points = new ArrayList<>(metrics);
        for (WireRequest metric : request.objects("metrics")) {
            points.add(point(metric));
        }
        return new Parsed(points, params(request.objects("params")), tags(request.objects("tags")));
    }

    static MetricPoint point(WireRequest metric) {
        String key = key(metric);
        double value = metric.requireDouble("value");
        long timestamp = metric.requireLong("timestamp");
        Long step = metric.optLong("step");
        return new MetricPoint(key, value, step == null ? 0 : step, timestamp);
    }

    static Map<String, String> params(List<WireRequest> entries) {
        Map<String, String> params = new LinkedHashMap<>();
        for (WireRequest entry : entries) {
            String key = key(entry);
            String value = value(entry, MAX_PARAM_VALUE_LENGTH);
            String earlier = params.putIfAbsent(key, value);
            if (earlier != null && !earlier.equals(value)) {
                throw MlflowException.invalid("Duplicate parameter key '" + Inputs.abbreviate(key)
                        + "' with different values in one batch");
            }
        }
        return params;
    }

    static Map<String, String> tags(List<WireRequest> entries) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (WireRequest entry : entries) {
            tags.put(key(entry), value(entry, MAX_TAG_VALUE_LENGTH));
        }
        return tags;
    }

    private static String key(WireRequest entry) {
        String key = entry.requireString("key");
        Inputs.requireKey(entry.name("key"), key);
        return key;
    }

    private static String value(WireRequest entry, int max) {
        String value = entry.optString("value");
        if (value == null) {
            value = "";
        }
        if (value.length() > max) {
            throw MlflowException.invalid("Value of '" + entry.name("value") + "' is " + value.length()
                    + " characters long; at most " + max + " are allowed");
        }
        return value;
    }

    private static void limit(String field, int count, int max) {
        if (count > max) {
            throw MlflowException.invalid("A batch logging request can contain at most " + max + " " + field
                    + "; got " + count);
        }
    }
}
