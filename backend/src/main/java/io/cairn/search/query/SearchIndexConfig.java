package io.cairn.search.query;

import io.cairn.common.CairnProperties;
import io.cairn.common.messaging.Projections;
import io.cairn.search.query.lucene.LuceneSearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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

    private static final Logger log = LoggerFactory.getLogger(SearchIndexConfig.class);

    public static final String ENGINE = "cairn.global-search.engine";

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = ENGINE, havingValue = "lucene", matchIfMissing = true)
    public LuceneSearchIndex luceneSearchIndex(CairnProperties cairn, JsonMapper json) {
        return new LuceneSearchIndex(cairn.dataDir().resolve("index").resolve("search"), json);
    }

    /**
     * A missing index (deleted, or left out of a restored backup) is rebuilt: the {@code search} projection
     * replays the event log into it once the application is up.
     */
    @Bean
    @ConditionalOnProperty(name = ENGINE, havingValue = "lucene", matchIfMissing = true)
    public ApplicationListener<ApplicationReadyEvent> rebuildMissingSearchIndex(LuceneSearchIndex index,
                                                                                Projections projections) {
        return event -> {
            if (index.created()) {
                log.info("The search index was missing; replaying the event log into it");
                projections.replay(SearchProjection.PROCESSING_GROUP);
            }
        };
    }
}
