package io.cairn.agent.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a {@code spark} run, read from the run spec's {@code parameters} (all strings; the agent logs
 * them as the run's params too).
 *
 * @param labelColumn     the CSV column holding the class (default: the last column)
 * @param featureColumns  the numeric feature columns, comma-separated (default: every column but the label)
 * @param maxIter         LogisticRegression iterations at most (1–10,000; default 100)
 * @param regParam        regularization strength (≥ 0; default 0)
 * @param elasticNetParam 0 for L2, 1 for L1, between for a mix (default 0)
 * @param trainFraction   share of the rows trained on; the rest is the test split the metrics are measured on
 *                        (0 &lt; f &lt; 1; default 0.8)
 * @param seed            the split's seed (default 42)
 * @param scaleFeatures   put a StandardScaler (unit variance, no centering) before the regression (default false)
 */
record SparkParams(String labelColumn, List<String> featureColumns, int maxIter, double regParam,
                   double elasticNetParam, double trainFraction, long seed, boolean scaleFeatures) {

    static SparkParams from(Map<String, String> parameters) {
        String label = text(parameters.get("labelColumn"));
        List<String> features = new ArrayList<>();
        String listed = text(parameters.get("featureColumns"));
        if (listed != null) {
            for (String column : listed.split(",")) {
                if (!column.isBlank()) {
                    features.add(column.trim());
                }
            }
            if (features.isEmpty()) {
                throw new IllegalArgumentException("Parameter featureColumns names no column");
            }
            if (new LinkedHashSet<>(features).size() != features.size()) {
                throw new IllegalArgumentException("Parameter featureColumns names a column twice: " + listed);
            }
            if (label != null && features.contains(label)) {
                throw new IllegalArgumentException("The label column '" + label + "' cannot be a feature too");
            }
        }
        int maxIter = (int) whole(parameters, "maxIter", 100, 1, 10_000);
        long seed = whole(parameters, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        double regParam = number(parameters, "regParam", 0, 0, Double.MAX_VALUE, "at least 0");
        double elasticNet = number(parameters, "elasticNetParam", 0, 0, 1, "between 0 and 1");
        double trainFraction = number(parameters, "trainFraction", 0.8, 0, 1, "above 0 and below 1");
        if (trainFraction <= 0 || trainFraction >= 1) {
            throw new IllegalArgumentException("Parameter trainFraction must be above 0 and below 1; got "
                    + parameters.get("trainFraction"));
        }
        String scale = text(parameters.get("scaleFeatures"));
        if (scale != null && !scale.equals("true") && !scale.equals("false")) {
            throw new IllegalArgumentException("Parameter scaleFeatures must be true or false; got '" + scale + "'");
        }
        return new SparkParams(label, features.isEmpty() ? null : List.copyOf(features), maxIter, regParam, elasticNet,
                trainFraction, seed, "true".equals(scale));
    }

    /**
     * The label and feature columns among the CSV's {@code header}: the named ones (which must exist) or the defaults.
     */
    Columns columns(List<String> header) {
        String label = labelColumn == null ? header.get(header.size() - 1) : labelColumn;
        require(header, label, "label");
        List<String> features;
        if (featureColumns == null) {
            features = new ArrayList<>(header);
            features.remove(label);
        } else {
            featureColumns.forEach(column -> require(header, column, "feature"));
            features = featureColumns;
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("The CSV has no feature column besides the label '" + label + "'");
        }
        for (String reserved : SparkTrainer.RESERVED_COLUMNS) {
            if (features.contains(reserved) || label.equals(reserved)) {
                throw new IllegalArgumentException("The column name '" + reserved + "' is reserved for the pipeline's "
                        + "own columns; rename it in the CSV");
            }
        }
        return new Columns(label, List.copyOf(features));
    }

    /** The columns a pipeline is trained on. */
    record Columns(String label, List<String> features) {
    }

    private static void require(List<String> header, String column, String role) {
        if (!header.contains(column)) {
            throw new IllegalArgumentException("The " + role + " column '" + column + "' is not in the CSV (columns: "
                    + String.join(", ", header) + ")");
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static long whole(Map<String, String> parameters, String name, long fallback, long min, long max) {
        String value = text(parameters.get(name));
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter " + name + " must be a whole number; got '" + value + "'");
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException("Parameter " + name + " must be between " + min + " and " + max
                    + "; got " + value);
        }
        return number;
    }

    private static double number(Map<String, String> parameters, String name, double fallback, double min, double max,
                                 String range) {
        String value = text(parameters.get(name));
        if (value == null) {
            return fallback;
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter " + name + " must be a number; got '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw new IllegalArgumentException("Parameter " + name + " must be " + range + "; got " + value);
        }
        return number;
    }
}
