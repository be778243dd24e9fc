package io.cairn.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every column type of the registry's signatures, as request values are checked and converted. */
class ScoringRequestTest {

    static final Signature ALL_TYPES = new Signature(List.of(
            new Signature.Column("flag", "boolean"), new Signature.Column("count", "integer"),
            new Signature.Column("big", "long"), new Signature.Column("ratio", "float"),
            new Signature.Column("score", "double"), new Signature.Column("city", "string"),
            new Signature.Column("blob", "binary"), new Signature.Column("at", "datetime")), List.of());

    private static JsonNode json(String text) {
        try {
            return HttpCalls.JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ScoringRequest parse(String text) {
        return ScoringRequest.parse(json(text), ALL_TYPES, 10);
    }

    private static void assertRefused(String text, String field, String detail) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ProblemException.class)
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(((ProblemException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
    }

    private static final String ROW = "{'flag': true, 'count': 3, 'big': 9007199254740993, 'ratio': 0.5, "
            + "'score': 1e3, 'city': 'Oslo', 'blob': 'AQID', 'at': '2026-01-31T12:00:00+01:00'}";

    @Test
    void everyTypeIsConvertedInSignatureOrder() {
        ScoringRequest request = parse("{'rows': [" + ROW + "]}");

        Object[] row = request.rows()[0];
        assertThat(row[0]).isEqualTo(true);
        assertThat(row[1]).isEqualTo(3);
        assertThat(row[2]).isEqualTo(9007199254740993L);
        assertThat(row[3]).isEqualTo(0.5f);
        assertThat(row[4]).isEqualTo(1000.0);
        assertThat(row[5]).isEqualTo("Oslo");
        assertThat((byte[]) row[6]).containsExactly(1, 2, 3);
        assertThat(row[7]).isEqualTo(Instant.parse("2026-01-31T11:00:00Z"));
        assertThat(request.columns()).containsExactly("flag", "count", "big", "ratio", "score", "city", "blob", "at");
    }

    @Test
    void datetimesWithoutAnOffsetAreUtc() {
        ScoringRequest request = parse("{'inputs': [[false, 1, 2, 1, 1, 'x', '', '2026-01-31T12:00:00'], "
                + "[false, 1, 2, 1, 1, 'x', '', '2026-01-31']]}");
        assertThat(request.rows()[0][7]).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
        assertThat(request.rows()[1][7]).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void valuesOfTheWrongTypeNameTheirPath() {
        assertRefused("{'rows': [" + ROW.replace("'count': 3", "'count': 3.5") + "]}", "rows[0].count",
                "is an integer (32-bit); got the number 3.5");
        assertRefused("{'rows': [" + ROW.replace("'count': 3", "'count': 3000000000") + "]}", "rows[0].count",
                "got the integer 3000000000");
        assertRefused("{'rows': [" + ROW.replace("'flag': true", "'flag': 1") + "]}", "rows[0].flag",
                "is a boolean; got the integer 1");
        assertRefused("{'rows': [" + ROW.replace("'ratio': 0.5", "'ratio': 1e300") + "]}", "rows[0].ratio",
                "finite number (float)");
        assertRefused("{'rows': [" + ROW.replace("'city': 'Oslo'", "'city': ['Oslo']") + "]}", "rows[0].city",
                "is a string; got a list");
        assertRefused("{'rows': [" + ROW.replace("'blob': 'AQID'", "'blob': '***'") + "]}", "rows[0].blob",
                "base64");
        assertRefused("{'rows': [" + ROW.replace("2026-01-31T12:00:00+01:00", "yesterday") + "]}", "rows[0].at",
                "ISO-8601");
        assertRefused("{'inputs': [[false, 1, 2, 1, 1, 'x', '', {}]]}", "inputs[0][7]", "got an object");
    }

    @Test
    void theShapeOfTheBodyIsChecked() {
        assertRefused("{'rows': [1]}", "rows[0]", "must be an object");
        assertRefused("{'inputs': [{}]}", "inputs[0]", "must be a list of 8 values");
        assertRefused("{'rows': {}}", "rows", "must be a list");
        assertRefused("{'rows': [], 'inputs': []}", "rows", "exactly one of");
        assertRefused("{}", "rows", "exactly one of");
        assertRefused("{'rows': [" + String.join(",", java.util.Collections.nCopies(11, ROW)) + "]}", "rows",
                "At most 10 rows per request; got 11");
    }
}
