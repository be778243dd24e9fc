package io.cairn.modelserver;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code spark-ml} flavor: a saved {@link PipelineModel} directory. The request rows become a DataFrame
 * whose columns are the signature's inputs (types mapped one to one), the pipeline transforms it, and each
 * prediction carries the signature's output columns — {@code prediction} when the signature names none.
 * ML vectors (probability, rawPrediction) come back as lists of numbers.
 */
final class SparkScorer implements Scorer {

    private final SparkSession spark;
    private final PipelineModel model;
    private final StructType schema;
    private final List<String> outputs;

    private SparkScorer(SparkSession spark, PipelineModel model, StructType schema, List<String> outputs) {
        this.spark = spark;
        this.model = model;
        this.schema = schema;
        this.outputs = outputs;
    }

    static SparkScorer load(Path directory, Signature signature, SparkSession spark) {
        PipelineModel model;
        try {
            model = PipelineModel.load(directory.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw new ModelLoadException("Not a Spark ML PipelineModel directory: " + e.getMessage(), e);
        }
        return of(model, signature, spark);
    }

    /** Serves a loaded pipeline, checking that it accepts the signature's inputs and makes its outputs. */
    static SparkScorer of(PipelineModel model, Signature signature, SparkSession spark) {
        List<StructField> fields = new ArrayList<>();
        for (Signature.Column column : signature.inputs()) {
            fields.add(DataTypes.createStructField(column.name(), sparkType(column.type()), false));
        }
        StructType schema = DataTypes.createStructType(fields);
        StructType transformed;
        try {
            transformed = model.transformSchema(schema);
        } catch (RuntimeException e) {
            throw new ModelLoadException("The pipeline does not accept the signature's inputs: " + e.getMessage(), e);
        }
        List<String> available = Arrays.asList(transformed.fieldNames());
        List<String> outputs = signature.outputs().isEmpty() ? List.of("prediction")
                : signature.outputs().stream().map(Signature.Column::name).toList();
        for (String output : outputs) {
            if (!available.contains(output)) {
                throw new ModelLoadException("The pipeline produces no column '" + output + "'; it produces "
                        + String.join(", ", available));
            }
        }
        return new SparkScorer(spark, model, schema, outputs);
    }

    static DataType sparkType(String type) {
        switch (type) {
            case "boolean":
                return DataTypes.BooleanType;
            case "integer":
                return DataTypes.IntegerType;
            case "long":
                return DataTypes.LongType;
            case "float":
                return DataTypes.FloatType;
            case "double":
                return DataTypes.DoubleType;
            case "string":
                return DataTypes.StringType;
            case "binary":
                return DataTypes.BinaryType;
            case "datetime":
                return DataTypes.TimestampType;
            default:
                throw new ModelLoadException("Unknown column type '" + type + "'");
        }
    }

    @Override
    public List<String> outputs() {
        return outputs;
    }

    @Override
    public List<Map<String, Object>> score(ScoringRequest request) {
        List<Row> rows = new ArrayList<>(request.size());
        for (Object[] values : request.rows()) {
            Object[] cells = values.clone();
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] instanceof Instant) {
                    cells[i] = Timestamp.from((Instant) cells[i]);
                }
            }
            rows.add(RowFactory.create(cells));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        String first = outputs.get(0);
        String[] rest = outputs.subList(1, outputs.size()).toArray(new String[0]);
        List<Row> results = model.transform(frame).select(first, rest).collectAsList();
        List<Map<String, Object>> predictions = new ArrayList<>(results.size());
        for (Row result : results) {
            Map<String, Object> prediction = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                prediction.put(outputs.get(i), json(result.get(i)));
            }
            predictions.add(prediction);
        }
        return predictions;
    }

    private static Object json(Object value) {
        if (value instanceof Vector) {
            return ((Vector) value).toArray();
        }
        if (value instanceof Timestamp) {
            return ((Timestamp) value).toInstant().toString();
        }
        return value;
    }
}
