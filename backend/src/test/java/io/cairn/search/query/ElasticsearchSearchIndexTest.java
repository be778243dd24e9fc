package io.cairn.search.query;

import io.cairn.search.query.elasticsearch.ElasticsearchProperties;
import io.cairn.search.query.elasticsearch.ElasticsearchSearchIndex;
import io.cairn.support.TestServers;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/** The search index contract on a real Elasticsearch server ({@code -Dcairn.test.elasticsearch=<url>}). */
@EnabledIfSystemProperty(named = "cairn.test.elasticsearch", matches = ".+")
class ElasticsearchSearchIndexTest extends SearchIndexContract {

    private ElasticsearchSearchIndex elasticsearch;

    @Override
    protected SearchIndex create() {
        String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        elasticsearch = new ElasticsearchSearchIndex(new ElasticsearchProperties(
                URI.create(TestServers.elasticsearch().orElseThrow()), "", "", prefix, 1, 0, 8,
                Duration.ofSeconds(2), Duration.ofSeconds(30)), JsonMapper.builder().build());
        elasticsearch.clear();
        return elasticsearch;
    }

    @Override
    protected void close() throws Exception {
        elasticsearch.close();
    }
}
