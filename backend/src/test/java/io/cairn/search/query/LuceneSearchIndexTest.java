package io.cairn.search.query;

import io.cairn.search.query.lucene.LuceneSearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.json.JsonMapper;

/** The search index contract on the embedded Lucene index. */
class LuceneSearchIndexTest extends SearchIndexContract {

    private LuceneSearchIndex lucene;

    @Override
    protected SearchIndex create() throws Exception {
        Path dir = Files.createTempDirectory("cairn-search-index-");
        lucene = new LuceneSearchIndex(dir, JsonMapper.builder().build());
        return lucene;
    }

    @Override
    protected void close() throws Exception {
        lucene.close();
    }
}
