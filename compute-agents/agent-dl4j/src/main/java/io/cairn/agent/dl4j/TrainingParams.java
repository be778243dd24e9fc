package io.cairn.agent.dl4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The training parameters of a {@code dl4j} run, read from the run spec's {@code parameters} (all strings; they are
 * logged as the run's params too).
 *
 * @param epochs             passes over the training rows (1–100,000; default 10)
 * @param batchSize          rows per minibatch (1–1,000,000; default 32)
 * @param labelColumn        the CSV column holding the class (default: the last column)
 * @param seed               weight initialisation and shuffling (default 42)
 * @param validationFraction share of the rows held out for {@code val_loss} and {@code val_accuracy} (0 ≤ f < 1;
 *                           default 0: none)
 * @param normalize          feature scaling fitted on the training rows and stored in the model zip (default none)
 * @param task               classification (default) or regression of a numeric label column
 */
record TrainingParams(int epochs, int batchSize, String labelColumn, long seed, double validationFraction,
                      Normalize normalize, Task task) {

    /** {@code parameters.normalize}: the feature scaling. */
    enum Normalize {
        /** features as they are. */
        NONE,
        /** zero mean and unit variance per feature ({@link NormalizerStandardize}). */
        STANDARDIZE,
        /** each feature onto [0, 1] ({@link NormalizerMinMaxScaler}). */
        MINMAX;

        /** A new, unfitted normalizer, or null for {@link #NONE}. */
        DataNormalization normalizer() {
            switch (this) {
                case STANDARDIZE:
                    return new NormalizerStandardize();
                case MINMAX:
                    return new NormalizerMinMaxScaler();
                default:
                    return null;
            }
        }
    }

    /** {@code parameters.task}. */
    enum Task {
        CLASSIFICATION, REGRESSION
    }

    /** The defaults but the given numbers: no scaling, classification. */
    TrainingParams(int epochs, int batchSize, String labelColumn, long seed, double validationFraction) {
        this(epochs, batchSize, labelColumn, seed, validationFraction, Normalize.NONE, Task.CLASSIFICATION);
    }

    boolean regression() {
        return task == Task.REGRESSION;
    }

    static TrainingParams from(Map<String, String> parameters) {
        int epochs = (int) number(parameters, "epochs", 10, 1, 100_000);
        int batchSize = (int) number(parameters, "batchSize", 32, 1, 1_000_000);
        long seed = (long) number(parameters, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        double validation = fraction(parameters.get("validationFraction"));
        String label = parameters.get("labelColumn");
        return new TrainingParams(epochs, batchSize, label == null || label.isBlank() ? null : label.trim(), seed,
                validation, choice(parameters, "normalize", Normalize.class, Normalize.NONE),
                choice(parameters, "task", Task.class, Task.CLASSIFICATION));
    }

    /** One of an enum's constants, named in lower case; blank or absent is {@code fallback}. */
    private static <E extends Enum<E>> E choice(Map<String, String> parameters, String name, Class<E> type,
                                                E fallback) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Parameter " + name + " must be one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList())
                + "; got '" + value + "'");
    }

    private static long number(Map<String, String> parameters, String name, long fallback, long min, long max) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException("Parameter " + name + " must be between " + min + " and " + max
                        + "; got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter " + name + " must be a whole number; got '" + value + "'");
        }
    }

    private static double fraction(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double fraction = Double.parseDouble(value.trim());
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("Parameter validationFraction must be at least 0 and below 1; got "
                        + value);
            }
            return fraction;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter validationFraction must be a number; got '" + value + "'");
        }
    }
}
