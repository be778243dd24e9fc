package io.cairn.run.query.search;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.common.error.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The search contract for the Lucene query and sort, over documents built by {@link RunDocument}. */
class RunSearchLuceneTest extends RunSearchContract {

    private static ByteBuffersDirectory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (SearchTestRuns.RunBuilder run : population()) {
                RunDocument.Values values = run.values();
                // The stored view is just the id here; the application stores the run's JSON.
                writer.updateDocument(RunDocument.uid(values.tenantId(), values.id()),
                        RunDocument.of(values, RunDocument.utf8(values.id())));
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @Override
    List<String> search(String tenant, List<String> projects, String filter, List<String> orderBy, int limit,
            long offset) throws IOException {
        RunSearchLucene.LuceneQuery query = RunSearchLucene.build(tenant, projects, filter, orderBy);
        IndexSearcher searcher = new IndexSearcher(reader);
        ScoreDoc[] hits = searcher.search(query.query(), (int) offset + limit, query.sort()).scoreDocs;
        StoredFields stored = searcher.storedFields();
        List<String> ids = new ArrayList<>();
        for (int i = (int) offset; i < hits.length; i++) {
            ids.add(RunDocument.view(stored.document(hits[i].doc)));
        }
        return ids;
    }

    @Test
    void aLikePatternTooComplexToEvaluateIsABadFilterNotAFailure() {
        String pattern = "%a_".repeat(400);
        assertThatThrownBy(() -> search("t1", P1_P2, "params.lr LIKE '" + pattern + "'", List.of(), 10, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too many wildcards");
    }
}
