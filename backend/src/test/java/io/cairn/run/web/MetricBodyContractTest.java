package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP contract of {@code POST /api/v1/runs/{runId}/metrics} for every shape of body: what is accepted (with
 * Jackson's coercions), how each malformed or mistyped body is answered (status, {@code field}, {@code detail}),
 * and which retries an {@code Idempotency-Key} recognises. Written against the Jackson-bound controller, to keep
 * those answers when the body is read another way.
 */
class MetricBodyContractTest extends ApiTestBase {

    private static final String POINT = "{\"key\": \"a\", \"value\": 1}";

    private static String metrics(String runId) {
        return "/api/v1/runs/" + runId + "/metrics";
    }

    private static String body(String... points) {
        return "{\"points\": [" + String.join(", ", points) + "]}";
    }

    /** The history of {@code key}, once it holds {@code expected} points. */
    private JsonNode history(String runId, String key, int expected) {
        String path = metrics(runId) + "/" + key;
        eventually(() -> admin.get(path).json().get("points").size() == expected);
        return admin.get(path).json().get("points");
    }

    private String newRun() {
        return createRun(admin, createProject(admin));
    }

    private record Refusal(String body, int status, String field, String detail, boolean detailIsPrefix) {
    }

    private static Refusal refused(String body, String field, String detail) {
        return new Refusal(body, 400, field, detail, false);
    }

    /** Jackson's own wording follows the prefix (it may change with Jackson); the field may not. */
    private static Refusal malformed(String body, String field) {
        return new Refusal(body, 400, field, "Malformed JSON: ", true);
    }

    private static final String VALUE_RULE =
            "value must be a finite number or one of \"NaN\", \"Infinity\", \"-Infinity\"; got ";

    @Test
    void anAcceptedBatchIsAnsweredWithItsCountAndWhetherItWasADuplicate() {
        String runId = newRun();
        Api.Response logged = admin.postRaw(metrics(runId), body(POINT, POINT));
        assertThat(logged.status()).isEqualTo(200);
        assertThat(logged.text()).isEqualTo("{\"accepted\":2,\"duplicate\":false}");
    }

    @Test
    void anOmittedOrNullStepIsZeroAndAnOmittedOrNullTimestampTheTimeOfArrival() {
        String runId = newRun();
        long before = System.currentTimeMillis();
        Api.Response logged = admin.postRaw(metrics(runId), body(
                "{\"key\": \"d\", \"value\": 1}",
                "{\"key\": \"d\", \"value\": 2, \"step\": null, \"timestamp\": null}",
                "{\"timestamp\": 1700000000123, \"step\": 7, \"value\": 3, \"key\": \"d\"}"));
        long after = System.currentTimeMillis();
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        JsonNode points = history(runId, "d", 3);
        for (int i = 0; i < 2; i++) {
            assertThat(points.get(i).get("value").asDouble()).isEqualTo(i + 1);
            assertThat(points.get(i).get("step").asLong()).isZero();
            assertThat(points.get(i).get("timestamp").asLong()).isBetween(before, after);
        }
        assertThat(points.get(2).get("step").asLong()).isEqualTo(7);
        assertThat(points.get(2).get("timestamp").asLong()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void valuesAreNumbersWithinADoubleOrTheNamedNonFiniteStrings() {
        String runId = newRun();
        Api.Response logged = admin.postRaw(metrics(runId), body(
                "{\"key\": \"v\", \"value\": 3}",
                "{\"key\": \"v\", \"value\": 9007199254740993}",
                "{\"key\": \"v\", \"value\": -1.25e-7}",
                "{\"key\": \"v\", \"value\": 123456789012345678901234567890}",
                "{\"key\": \"v\", \"value\": 1.7976931348623157e308}",
                "{\"key\": \"v\", \"value\": \"+Infinity\"}",
                "{\"key\": \"v\", \"value\": \"Infinity\"}",
                "{\"key\": \"v\", \"value\": \"-Infinity\"}",
                "{\"key\": \"v\", \"value\": \"NaN\"}"));
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        JsonNode points = history(runId, "v", 9);
        assertThat(points.get(0).get("value").asDouble()).isEqualTo(3.0);
        assertThat(points.get(1).get("value").asDouble()).isEqualTo(9.007199254740992E15);
        assertThat(points.get(2).get("value").asDouble()).isEqualTo(-1.25e-7);
        assertThat(points.get(3).get("value").asDouble()).isEqualTo(1.2345678901234568E29);
        assertThat(points.get(4).get("value").asDouble()).isEqualTo(Double.MAX_VALUE);
        assertThat(points.get(5).get("value").asString()).isEqualTo("Infinity");
        assertThat(points.get(6).get("value").asString()).isEqualTo("Infinity");
        assertThat(points.get(7).get("value").asString()).isEqualTo("-Infinity");
        assertThat(points.get(8).get("value").asString()).isEqualTo("NaN");
    }

    @Test
    void jacksonsScalarCoercionsAndRepeatedFieldsAreAcceptedAsBefore() {
        String runId = newRun();
        Api.Response logged = admin.postRaw(metrics(runId), body(
                "{\"key\": \"c\", \"value\": 1, \"step\": \"5\"}",
                "{\"key\": \"c\", \"value\": 2, \"step\": 1.9, \"timestamp\": 1700000000000.7}",
                "{\"key\": \"c\", \"value\": 3, \"step\": \"\"}",
                "{\"key\": \"c\", \"value\": 4, \"step\": 1, \"step\": 2}",
                "{\"key\": 5, \"value\": 5}",
                "{\"key\": true, \"value\": 6}",
                "{\"key\": \"first\", \"key\": \"c\\/d\", \"value\": 7}"));
        assertThat(logged.status()).as(logged.text()).isEqualTo(200);
        JsonNode points = history(runId, "c", 4);
        assertThat(points.get(0).get("step").asLong()).isEqualTo(5);
        assertThat(points.get(1).get("step").asLong()).isEqualTo(1);
        assertThat(points.get(1).get("timestamp").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(points.get(2).get("step").asLong()).isZero();
        assertThat(points.get(3).get("step").asLong()).isEqualTo(2);
        assertThat(history(runId, "5", 1).get(0).get("value").asDouble()).isEqualTo(5);
        assertThat(history(runId, "true", 1).get(0).get("value").asDouble()).isEqualTo(6);
        assertThat(history(runId, "c/d", 1).get(0).get("value").asDouble()).isEqualTo(7);

        // a repeated "points" replaces the earlier list
        assertThat(admin.postRaw(metrics(runId), "{\"points\": [{\"key\": \"gone\", \"value\": 1}], "
                + "\"points\": [{\"key\": \"kept\", \"value\": 2}]}").text()).isEqualTo("{\"accepted\":1,\"duplicate\":false}");
        assertThat(history(runId, "kept", 1)).hasSize(1);
        assertThat(admin.get(metrics(runId) + "/gone").json().get("points")).isEmpty();
    }

    @Test
    void malformedAndMistypedBodiesAreRefusedNamingTheField() {
        String runId = newRun();
        List<Refusal> refusals = new ArrayList<>(List.of(
                refused("null", null, "The request body is missing or unreadable"),
                malformed("   ", null),
                malformed("{\"points\": [", "points"),
                malformed("{\"points\": [{\"key\": \"a\", \"value\": 1,]}", "points[0]"),
                malformed("{\"points\": [/* a comment */" + POINT + "]}", "points"),
                malformed("{\"points\": [{\"key\": \"a\", \"value\": NaN}]}", "points[0]"),
                malformed("[]", null),
                malformed("\"points\"", null),
                malformed(body(POINT) + " x", null),
                malformed(body(POINT) + " {}", null),
                malformed(body("{\"key\": \"a\", \"value\": 1, \"step\": 123456789012345678901234567890}"),
                        "points[0].step"),
                refused("{}", "points", "points is required"),
                refused("{\"points\": null}", "points", "points is required"),
                refused("{\"points\": {}}", "points", "Field 'points' has the wrong type (expected an array)"),
                refused("{\"points\": \"\"}", "points", "Field 'points' has the wrong type (expected an array)"),
                refused("{\"points\": 5}", "points", "Field 'points' has the wrong type (expected an array)"),
                refused(body("5"), "points[0]", "Field 'points[0]' has the wrong type (expected an object)"),
                refused(body("\"a\""), "points[0]", "Field 'points[0]' has the wrong type (expected an object)"),
                refused(body("[1]"), "points[0]", "Field 'points[0]' has the wrong type (expected an object)"),
                refused(body(POINT, "null"), "points[1]", "A point must not be null"),
                refused("{\"points\": [" + POINT + "], \"extra\": 1}", "extra",
                        "Unknown field 'extra'; expected one of points"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"unit\": \"s\"}"), "points[0].unit",
                        "Unknown field 'points[0].unit'; expected one of key, step, timestamp, value"),
                refused(body(POINT, "{\"key\": \"a\", \"value\": 1, \"step\": \"x\"}"), "points[1].step",
                        "Field 'points[1].step' has an invalid value 'x' (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"step\": true}"), "points[0].step",
                        "Field 'points[0].step' has the wrong type (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"step\": {}}"), "points[0].step",
                        "Field 'points[0].step' has the wrong type (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"step\": [1]}"), "points[0].step",
                        "Field 'points[0].step' has the wrong type (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"timestamp\": \"x\"}"), "points[0].timestamp",
                        "Field 'points[0].timestamp' has an invalid value 'x' (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"timestamp\": false}"), "points[0].timestamp",
                        "Field 'points[0].timestamp' has the wrong type (expected a number)"),
                refused(body("{\"key\": {}, \"value\": 1}"), "points[0].key",
                        "Field 'points[0].key' has the wrong type (expected a string)"),
                refused(body("{\"key\": [\"a\"], \"value\": 1}"), "points[0].key",
                        "Field 'points[0].key' has the wrong type (expected a string)"),
                refused(body("{\"key\": null, \"value\": 1}"), "points[0].key", "Key must not be empty"),
                refused(body("{\"value\": 1}"), "points[0].key", "Key must not be empty"),
                refused(body("{\"key\": \"a\", \"value\": null}"), "points[0].value", "value is required"),
                refused(body("{\"key\": \"a\"}"), "points[0].value", "value is required"),
                refused(body("{\"key\": \"a\", \"value\": true}"), "points[0].value", VALUE_RULE + "true"),
                refused(body("{\"key\": \"a\", \"value\": {\"x\": 1}}"), "points[0].value", VALUE_RULE + "{x=1}"),
                refused(body("{\"key\": \"a\", \"value\": [1, 2]}"), "points[0].value", VALUE_RULE + "[1, 2]"),
                refused(body("{\"key\": \"a\", \"value\": \"nan\"}"), "points[0].value", VALUE_RULE + "\"nan\""),
                refused(body("{\"key\": \"a\", \"value\": \"1.5\"}"), "points[0].value", VALUE_RULE + "\"1.5\""),
                refused(body(POINT, "{\"key\": \"a\", \"value\": 1e400}"), "points[1].value",
                        "Value Infinity is outside the range of a double"),
                refused(body("{\"key\": \"a\", \"value\": -1e400}"), "points[0].value",
                        "Value -Infinity is outside the range of a double"),
                // the value is checked before the key, and binding errors anywhere come before either
                refused(body("{\"key\": \"a<b\", \"value\": \"nan\"}"), "points[0].value", VALUE_RULE + "\"nan\""),
                refused(body("{\"key\": \"a\", \"value\": \"nan\"}", "{\"key\": \"a\", \"value\": 1, \"step\": 1.5, "
                        + "\"timestamp\": \"x\"}"), "points[1].timestamp",
                        "Field 'points[1].timestamp' has an invalid value 'x' (expected a number)"),
                refused(body("{\"key\": \"a\", \"value\": 1, \"timestamp\": -1}"), "points[0].timestamp", null)));
        for (Refusal refusal : refusals) {
            Api.Response answer = assertProblem(admin.postRaw(metrics(runId), refusal.body()), refusal.status());
            assertThat(answer.get("/field")).as(refusal.body()).isEqualTo(refusal.field());
            if (refusal.detailIsPrefix()) {
                assertThat(answer.get("/detail")).as(refusal.body()).startsWith(refusal.detail());
            } else if (refusal.detail() != null) {
                assertThat(answer.get("/detail")).as(refusal.body()).isEqualTo(refusal.detail());
            }
        }
        Api.Response missing = assertProblem(admin.postRaw(metrics(runId), ""), 400);
        assertThat(missing.get("/detail")).isEqualTo("The request body is missing or unreadable");
        assertThat(missing.get("/field")).isNull();
        assertThat(admin.get(metrics(runId) + "/a").json().get("points")).isEmpty();
    }

    @Test
    void theBodyIsReadBeforeTheRunIsLookedUpAndItsValuesCheckedAfter() {
        String nope = metrics("nope");
        assertThat(assertProblem(admin.postRaw(nope, body("{\"key\": \"a\", \"value\": 1, \"step\": \"x\"}")), 400)
                .get("/field")).isEqualTo("points[0].step");
        assertThat(assertProblem(admin.postRaw(nope, "{\"points\": 5}"), 400).get("/field")).isEqualTo("points");
        assertProblem(admin.postRaw(nope, body("{\"key\": \"a\", \"value\": \"nan\"}")), 404);
        assertProblem(admin.postRaw(nope, body("null")), 404);
        assertProblem(admin.postRaw(nope, "{}"), 404);
        assertProblem(admin.postRaw(nope, body(POINT)), 404);
    }

    @Test
    void onlyJsonMediaTypesAreRead() {
        String runId = newRun();
        Api.Response text = assertProblem(admin.postAs(metrics(runId), "text/plain", body(POINT)), 415);
        assertThat(text.get("/detail")).isEqualTo("Content-Type 'text/plain;charset=UTF-8' is not supported.");
        assertProblem(admin.postAs(metrics(runId), "application/x-www-form-urlencoded", body(POINT)), 415);
        assertThat(admin.postAs(metrics(runId), "application/vnd.cairn+json", body(POINT)).status()).isEqualTo(200);
        assertThat(admin.postAs(metrics(runId), "application/json;charset=ISO-8859-1",
                body("{\"key\": \"latin\", \"value\": 1}")).status()).isEqualTo(200);
        assertThat(history(runId, "a", 1)).hasSize(1);
        assertThat(history(runId, "latin", 1)).hasSize(1);
    }

    @Test
    void aRetryOfTheSameBatchIsRecognisedHoweverItsJsonIsWritten() {
        String runId = newRun();
        Api keyed = admin.withHeader("Idempotency-Key", "retry-" + runId);
        Api.Response first = keyed.postRaw(metrics(runId), body("{\"key\": \"r\", \"value\": 0.5, \"step\": 5}",
                "{\"key\": \"r\", \"value\": \"NaN\", \"step\": 6}"));
        assertThat(first.text()).isEqualTo("{\"accepted\":2,\"duplicate\":false}");
        // the same points: null for an omitted timestamp, another spacing and field order, the step as a string
        Api.Response retry = keyed.postRaw(metrics(runId), "{\"points\":[{\"step\":\"5\",\"value\":0.5,\"key\":\"r\","
                + "\"timestamp\":null},{\"value\":\"NaN\",\"key\":\"r\",\"step\":6.0}]}");
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.text()).isEqualTo("{\"accepted\":2,\"duplicate\":true}");
        // a timestamp that was left out is not the same batch as one that names a time
        Api.Response other = assertProblem(keyed.postRaw(metrics(runId), body(
                "{\"key\": \"r\", \"value\": 0.5, \"step\": 5, \"timestamp\": 1700000000000}",
                "{\"key\": \"r\", \"value\": \"NaN\", \"step\": 6}")), 409);
        assertThat(other.get("/field")).isEqualTo("Idempotency-Key");
        assertThat(history(runId, "r", 2)).hasSize(2);
    }

    @Test
    void aPointWithoutAKeyUnderAnIdempotencyKeyIsRefusedNotAServerError() {
        String runId = newRun();
        Api keyed = admin.withHeader("Idempotency-Key", "keyless-" + runId);
        Api.Response answer = assertProblem(keyed.postRaw(metrics(runId), body("{\"value\": 1}")), 400);
        assertThat(answer.get("/field")).isEqualTo("points[0].key");
        assertThat(answer.get("/detail")).isEqualTo("Key must not be empty");
    }

    @Test
    void theApiDocumentDescribesTheBodyAsBefore() {
        JsonNode docs = admin.withToken(null).get("/v3/api-docs").json();
        assertThat(docs.at("/paths/~1api~1v1~1runs~1{runId}~1metrics/post/requestBody/content/application~1json"
                + "/schema/$ref").asString()).isEqualTo("#/components/schemas/LogMetricsRequest");
        assertThat(docs.at("/components/schemas/LogMetricsRequest/properties/points/items/$ref").asString())
                .isEqualTo("#/components/schemas/PointRequest");
        assertThat(docs.at("/components/schemas/PointRequest/properties").propertyNames())
                .containsExactlyInAnyOrder("key", "value", "step", "timestamp");
    }
}
