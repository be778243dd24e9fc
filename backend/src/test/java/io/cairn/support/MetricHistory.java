package io.cairn.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a metric key's whole history through the API, page by page (pages of 10,000 points). */
public final class MetricHistory {

    private MetricHistory() {
    }

    /** The steps of every stored point of {@code key}, in logged order (repeats included). */
    public static List<Long> steps(Api api, String runId, String key) {
        List<Long> steps = new ArrayList<>();
        String pageToken = null;
        do {
            Api.Response page = api.get("/api/v1/runs/" + runId + "/metrics/" + key + "?maxResults=10000"
                    + (pageToken == null ? "" : "&pageToken=" + pageToken));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            for (JsonNode point : page.json().get("points")) {
                steps.add(point.get("step").asLong());
            }
            JsonNode next = page.json().get("nextPageToken");
            pageToken = next == null || next.isNull() ? null : next.asString();
        } while (pageToken != null);
        return steps;
    }
}
