package io.cairn.run.query.metric;

import io.cairn.run.api.MetricPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Min/max downsampling: splits a step-ordered series into equal-count buckets and keeps each bucket's
 * lowest and highest value (in step order), plus the first and last point, so spikes and dips survive and
 * a chart of a million points drawn from a thousand looks the same.
 */
final class Downsampler {

    private Downsampler() {
    }

    /**
     * @param steps      steps ordered ascending
     * @param timestamps timestamps aligned with {@code steps}
     * @param values     values aligned with {@code steps}
     * @param count      number of points in the arrays
     * @param maxPoints  at least 4
     */
    static List<MetricPoint> minMax(String key, long[] steps, long[] timestamps, double[] values, int count,
                                    int maxPoints) {
        List<MetricPoint> out = new ArrayList<>(Math.min(count, maxPoints));
        if (count <= maxPoints) {
            for (int i = 0; i < count; i++) {
                out.add(new MetricPoint(key, values[i], steps[i], timestamps[i]));
            }
            return out;
        }
        out.add(new MetricPoint(key, values[0], steps[0], timestamps[0]));
        int buckets = (maxPoints - 2) / 2;
        int inner = count - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) inner * b / buckets);
            int to = 1 + (int) ((long) inner * (b + 1) / buckets);
            int min = -1;
            int max = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(values[i])) {
                    continue;
                }
                if (min < 0 || values[i] < values[min]) {
                    min = i;
                }
                if (max < 0 || values[i] > values[max]) {
                    max = i;
                }
            }
            if (min < 0) {
                if (from < to) {
                    out.add(new MetricPoint(key, values[from], steps[from], timestamps[from]));
                }
                continue;
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            out.add(new MetricPoint(key, values[first], steps[first], timestamps[first]));
            if (second != first) {
                out.add(new MetricPoint(key, values[second], steps[second], timestamps[second]));
            }
        }
        int last = count - 1;
        out.add(new MetricPoint(key, values[last], steps[last], timestamps[last]));
        return out;
    }
}
