package io.cairn.search.query;

import io.cairn.common.CairnProperties;
import io.cairn.search.query.lucene.LuceneSearchIndex;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded global search index ({@code cairn.global-search.engine=lucene}, the default) under
 * {@code $CAIRN_DATA_DIR/index/search}. The cluster profile's Elasticsearch index is configured by
 * {@link io.cairn.search.query.elasticsearch.ElasticsearchSearchConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class SearchIndexConfig {

    public static final String ENGINE = "cairn.global-search.engine";

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = ENGINE, havingValue = "lucene", matchIfMissing = true)
    public LuceneSearchIndex luceneSearchIndex(CairnProperties cairn, JsonMapper json) {
        return new LuceneSearchIndex(cairn.dataDir().resolve("index").resolve("search"), json);
    }
}
