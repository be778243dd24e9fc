package io.cairn.search.query.elasticsearch;

import io.cairn.search.query.SearchIndexConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The global search index in Elasticsearch when {@code cairn.global-search.engine=elasticsearch}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SearchIndexConfig.ENGINE, havingValue = "elasticsearch")
public class ElasticsearchSearchConfig {

    /** Does not contact the cluster: the index is created on first use, so Cairn starts while it is away. */
    @Bean(destroyMethod = "close")
    public ElasticsearchSearchIndex elasticsearchSearchIndex(ElasticsearchProperties properties, JsonMapper json) {
        return new ElasticsearchSearchIndex(properties, json);
    }
}
