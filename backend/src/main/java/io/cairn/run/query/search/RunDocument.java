package io.cairn.run.query.search;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene document of one run, and the field names {@link LuceneRenderer} queries and sorts on.
 *
 * <p>Strings (attributes, params, tags) are indexed as exact terms for {@code = != IN LIKE}, again lowercased
 * under {@code lc.} for {@code ILIKE}, and as sorted doc values for ordering. Metric values and times are
 * points for comparisons and numeric doc values for ordering. A key that a run lacks has no field at all,
 * which is how "a run lacking the key never matches" and "sorts last" are decided.
 */
public final class RunDocument {

    static final String UID = "uid";
    static final String TENANT = "tenant";
    static final String VIEW = "view";
    static final String LOWERCASE = "lc.";

    private RunDocument() {
    }

    /** The run's values as the read model holds them; {@code endTime} is null while it has not ended. */
    public record Values(String tenantId, String id, String projectId, String name, String status, String createdBy,
                         long startTime, Long endTime, Map<String, String> params, Map<String, String> tags,
                         Map<String, Double> metrics, String lifecycleStage) {
    }

    /** Identifies a run's document across tenants (run ids are only unique within one). */
    public static Term uid(String tenantId, String runId) {
        return new Term(UID, tenantId + "/" + runId);
    }

    /** The document, storing {@code view} (the run as the API shows it, UTF-8 JSON) to answer searches with. */
    public static Document of(Values run, byte[] view) {
        Document doc = new Document();
        doc.add(new StringField(UID, uid(run.tenantId(), run.id()).text(), Field.Store.NO));
        doc.add(new StringField(TENANT, run.tenantId(), Field.Store.NO));
        doc.add(new StoredField(VIEW, new BytesRef(view)));
        addString(doc, Attribute.RUN_ID.column, run.id());
        addString(doc, Attribute.PROJECT_ID.column, run.projectId());
        addString(doc, Attribute.RUN_NAME.column, run.name());
        addString(doc, Attribute.STATUS.column, run.status());
        addString(doc, Attribute.CREATED_BY.column, run.createdBy());
        addString(doc, Attribute.LIFECYCLE_STAGE.column, run.lifecycleStage());
        addLong(doc, Attribute.START_TIME.column, run.startTime());
        if (run.endTime() != null) {
            addLong(doc, Attribute.END_TIME.column, run.endTime());
        }
        run.params().forEach((key, value) -> addString(doc, field(KeyedEntity.PARAM, key), value));
        run.tags().forEach((key, value) -> addString(doc, field(KeyedEntity.TAG, key), value));
        run.metrics().forEach((key, value) -> {
            String name = field(KeyedEntity.METRIC, key);
            double normalized = normalize(value);
            doc.add(new DoublePoint(name, normalized));
            doc.add(new DoubleDocValuesField(name, normalized));
        });
        return doc;
    }

    /** The stored view of a matching document. */
    public static String view(Document doc) {
        return doc.getBinaryValue(VIEW).utf8ToString();
    }

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code metrics.acc}, {@code params.lr}, {@code tags.team}: the entity's prefix cannot clash with an attribute. */
    static String field(KeyedEntity entity, String key) {
        return entity.prefix + "." + key;
    }

    static String lowercase(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** -0.0 and 0.0 compare equal in SQL; as points they would not, so both are indexed and queried as 0.0. */
    static double normalize(double value) {
        return value == 0.0 ? 0.0 : value;
    }

    private static void addString(Document doc, String name, String value) {
        doc.add(new StringField(name, value, Field.Store.NO));
        doc.add(new SortedDocValuesField(name, new BytesRef(value)));
        doc.add(new StringField(LOWERCASE + name, lowercase(value), Field.Store.NO));
    }

    private static void addLong(Document doc, String name, long value) {
        doc.add(new LongPoint(name, value));
        doc.add(new NumericDocValuesField(name, value));
    }
}
