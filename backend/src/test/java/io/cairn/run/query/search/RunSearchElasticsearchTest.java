package io.cairn.run.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cairn.search.query.elasticsearch.ElasticsearchConnection;
import io.cairn.search.query.elasticsearch.ElasticsearchProperties;
import io.cairn.support.TestServers;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The search contract for the Elasticsearch query and sort, over documents built by
 * {@link RunSearchElasticsearch} in an index of its own on a real server ({@code -Dcairn.test.elasticsearch}).
 */
@EnabledIfSystemProperty(named = "cairn.test.elasticsearch", matches = ".+",
        disabledReason = "needs an Elasticsearch server: -Dcairn.test.elasticsearch=<url>")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunSearchElasticsearchTest extends RunSearchContract {

    private final String index = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "-runs";
    private ElasticsearchConnection connection;
    private ElasticsearchClient client;

    @BeforeAll
    void index() throws IOException {
        connection = new ElasticsearchConnection(new ElasticsearchProperties(
                URI.create(TestServers.elasticsearch().orElseThrow()), "", "", "", 1, 0, 8,
                Duration.ofSeconds(2), Duration.ofSeconds(30)));
        client = connection.client();
        client.indices().create(c -> c.index(index).mappings(RunSearchElasticsearch.mapping()));
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index).refresh(Refresh.True);
        for (SearchTestRuns.RunBuilder run : population()) {
            RunDocument.Values values = run.values();
            // The view is just the id here; the application stores the run's JSON.
            Map<String, Object> document = RunSearchElasticsearch.document(values, values.id());
            bulk.operations(o -> o.index(i -> i.id(values.tenantId() + "/" + values.id()).routing(values.tenantId())
                    .document(document)));
        }
        assertThat(client.bulk(bulk.build()).errors()).isFalse();
    }

    @AfterAll
    void close() throws IOException {
        client.indices().delete(d -> d.index(index));
        connection.close();
    }

    @Override
    List<String> search(String tenant, List<String> projects, String filter, List<String> orderBy, int limit,
            long offset) throws IOException {
        RunSearchElasticsearch.ElasticsearchQuery query = RunSearchElasticsearch.build(tenant, projects, filter,
                orderBy);
        @SuppressWarnings("rawtypes")
        SearchResponse<Map> response = client.search(s -> s.index(index).routing(tenant).query(query.query())
                .sort(query.sort()).from((int) offset).size(limit), Map.class);
        List<String> ids = new ArrayList<>();
        for (@SuppressWarnings("rawtypes") Hit<Map> hit : response.hits().hits()) {
            ids.add((String) hit.source().get(RunSearchElasticsearch.VIEW));
        }
        return ids;
    }

    @Test
    void likePatternsMatchWholeValuesOfTheirOwnFieldOnly() throws IOException {
        // 'adam' is a value of params.optimizer, never of params.lr: the field prefix must anchor the pattern
        assertThat(search("t1", P1_P2, "params.lr LIKE '%adam%'", List.of(), 10, 0)).isEmpty();
        assertThat(search("t1", P1_P2, "params.optimizer LIKE 'ada'", List.of(), 10, 0)).isEmpty();
        assertThat(search("t1", P1_P2, "params.optimizer ILIKE 'ADAM'", List.of(), 10, 0)).containsExactly("r4", "r1");
    }
}
