package io.cairn.agent.spark;

import io.cairn.agent.ModelRegistration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * Trains a Spark ML classification pipeline on a CSV table: {@link StringIndexer} on the label column (classes in
 * alphabetical order, fitted on all rows) → {@link VectorAssembler} of the numeric feature columns → optionally a
 * {@link StandardScaler} → {@link LogisticRegression} → {@link IndexToString} giving the predicted class as
 * {@value #PREDICTED_LABEL}. It is fitted on a random {@code trainFraction} of the rows; it reports the objective per
 * iteration as {@code loss} (step = iteration) and, on the other rows, {@code accuracy}, {@code f1},
 * {@code weightedPrecision} and {@code weightedRecall} (step = the last iteration). It writes {@value #MODEL_FILE}
 * (the saved PipelineModel folder {@code pipeline/}, zipped with that folder as its one top-level entry: what the
 * model server's {@code spark-ml} flavor unpacks and loads) and {@value #REGISTRATION_FILE}: the body of
 * {@code POST /models/{id}/versions} but the run id (flavor {@code spark-ml}, the artifact path, and a signature: one
 * {@code double} input per feature column; outputs {@value #PREDICTED_LABEL} ({@code string}), {@code prediction}
 * (the class index) and {@code probability} (one number per class)). The label column is not an input: the indexer
 * skips it when a scoring request lacks it.
 */
public final class SparkTrainer {

    static final String MODEL_FILE = "pipeline.zip";
    static final String REGISTRATION_FILE = ModelRegistration.FILE;
    static final String MODEL_DIR = "pipeline";
    static final String TMP_DIR = "tmp";
    static final String PREDICTED_LABEL = "predictedLabel";
    private static final String LABEL_INDEX = "cairn_label_index";
    private static final String FEATURES = "cairn_features";
    private static final String SCALED = "cairn_scaled_features";
    /** Columns the pipeline adds; a CSV column of one of these names would clash. */
    static final List<String> RESERVED_COLUMNS = List.of(LABEL_INDEX, FEATURES, SCALED, "prediction", "probability",
            "rawPrediction", PREDICTED_LABEL);

    /** Receives each step's metrics. */
    public interface StepListener {
        void step(long step, Map<String, Double> metrics);
    }

    /** What training produced. */
    public record Result(List<String> features, List<String> classes, long rows, long testRows,
                         Map<String, Double> testMetrics, Path model, Path registration) {
    }

    private SparkTrainer() {
    }

    /**
     * The driver's session: no UI, the SQL warehouse under the attempt directory (Spark's scratch space is
     * {@code java.io.tmpdir}, which {@link SparkExecution} sets there too), as many shuffle partitions as a local master
     * has cores.
     */
    public static SparkSession session(String master, Path dir) {
        Path root = dir.toAbsolutePath();
        return SparkSession.builder()
                .appName("cairn-run-" + System.getenv().getOrDefault("CAIRN_RUN_ID", "local"))
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", Integer.toString(localCores(master)))
                // adaptive re-planning costs more than it saves on the small jobs of one training
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toString())
                .getOrCreate();
    }

    /** N of {@code local[N]} (1 for {@code local}, the processors for {@code local[*]}; 8 for a cluster). */
    static int localCores(String master) {
        if (master.equals("local")) {
            return 1;
        }
        if (master.equals("local[*]")) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (master.startsWith("local[") && master.endsWith("]")) {
            try {
                return Math.max(1, Integer.parseInt(master.substring(6, master.length() - 1).split(",")[0].trim()));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 8;
    }

    public static Result train(SparkSession spark, Path csv, SparkParams params, Path outputDir,
                               StepListener listener) throws IOException {
        Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true")
                .csv(csv.toAbsolutePath().toString());
        SparkParams.Columns columns = params.columns(Arrays.asList(raw.columns()));
        List<Column> selected = new ArrayList<>();
        for (String feature : columns.features()) {
            DataType type = raw.schema().apply(feature).dataType();
            if (!(type instanceof NumericType)) {
                throw new IllegalArgumentException("The feature column '" + feature + "' is not numeric (its values "
                        + "read as " + type.simpleString() + ")");
            }
            selected.add(functions.col(quoted(feature)).cast("double").as(feature));
        }
        selected.add(functions.col(quoted(columns.label())).cast("string").as(columns.label()));
        Dataset<Row> data = raw.select(selected.toArray(new Column[0])).na().drop().cache();
        long rows = data.count();
        if (rows == 0) {
            throw new IllegalArgumentException("The CSV has no row with every feature and the label set");
        }

        StringIndexerModel indexer = new StringIndexer().setInputCol(columns.label()).setOutputCol(LABEL_INDEX)
                .setStringOrderType("alphabetAsc").fit(data);
        List<String> classes = List.of(indexer.labelsArray()[0]);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("The label column '" + columns.label()
                    + "' needs at least two distinct classes; it has " + classes);
        }
        Dataset<Row>[] split = data.randomSplit(new double[] {params.trainFraction(), 1 - params.trainFraction()},
                params.seed());
        Dataset<Row> train = split[0];
        Dataset<Row> test = split[1];

        List<PipelineStage> stages = new ArrayList<>();
        stages.add(indexer);
        stages.add(new VectorAssembler().setInputCols(columns.features().toArray(new String[0]))
                .setOutputCol(FEATURES));
        String features = FEATURES;
        if (params.scaleFeatures()) {
            stages.add(new StandardScaler().setInputCol(FEATURES).setOutputCol(SCALED).setWithMean(false)
                    .setWithStd(true));
            features = SCALED;
        }
        int regression = stages.size();
        stages.add(new LogisticRegression().setFeaturesCol(features).setLabelCol(LABEL_INDEX)
                .setMaxIter(params.maxIter()).setRegParam(params.regParam())
                .setElasticNetParam(params.elasticNetParam()));
        stages.add(new IndexToString().setInputCol("prediction").setOutputCol(PREDICTED_LABEL)
                .setLabels(classes.toArray(new String[0])));
        PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train);

        double[] objective = ((LogisticRegressionModel) model.stages()[regression]).summary().objectiveHistory();
        for (int iteration = 0; iteration < objective.length; iteration++) {
            listener.step(iteration, Map.of("loss", objective[iteration]));
        }
        long testRows = test.count();
        Map<String, Double> testMetrics = new LinkedHashMap<>();
        if (testRows > 0) {
            // one pass over the predictions for all four (an evaluate() per metric would make one each)
            MulticlassMetrics measured = new MulticlassClassificationEvaluator().setLabelCol(LABEL_INDEX)
                    .setPredictionCol("prediction").getMetrics(model.transform(test));
            testMetrics.put("accuracy", measured.accuracy());
            testMetrics.put("f1", measured.weightedFMeasure());
            testMetrics.put("weightedPrecision", measured.weightedPrecision());
            testMetrics.put("weightedRecall", measured.weightedRecall());
            listener.step(Math.max(0, objective.length - 1), testMetrics);
        } else {
            System.out.println("spark: the test split is empty (too few rows for trainFraction "
                    + params.trainFraction() + "); no test metrics");
        }
        data.unpersist();

        Files.createDirectories(outputDir);
        Path saved = outputDir.resolve(MODEL_DIR);
        model.write().overwrite().save(saved.toAbsolutePath().toString());
        Path zip = zip(saved, outputDir.resolve(MODEL_FILE));
        Path registration = ModelRegistration.write(outputDir, registration(columns, classes));
        return new Result(columns.features(), classes, rows, testRows, testMetrics, zip, registration);
    }

    /** The registry's version request without the run id: artifact path, flavor and signature. */
    static Map<String, Object> registration(SparkParams.Columns columns, List<String> classes) {
        return ModelRegistration.body(MODEL_FILE, "spark-ml",
                columns.features().stream().map(name -> ModelRegistration.column(name, "double")).toList(),
                List.of(ModelRegistration.column(PREDICTED_LABEL, "string"),
                        ModelRegistration.column("prediction", "double"),
                        ModelRegistration.column("probability", "double")),
                "Spark ML logistic regression classifying '" + columns.label() + "' (" + String.join(", ", classes)
                        + ") from " + String.join(", ", columns.features()));
    }

    /** A column name for {@code col()}: backquoted, so dots and spaces are part of the name. */
    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A zip of {@code folder} with the folder as its one top-level entry; Hadoop's checksum files left out. */
    static Path zip(Path folder, Path zip) throws IOException {
        Path base = folder.getParent();
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted().toList()) {
                String name = base.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new ZipEntry(name + "/"));
                    out.closeEntry();
                } else if (!path.getFileName().toString().endsWith(".crc")) {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(path, out);
                    out.closeEntry();
                }
            }
        }
        return zip;
    }
}
