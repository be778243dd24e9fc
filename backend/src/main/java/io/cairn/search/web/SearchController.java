package io.cairn.search.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.web.PageToken;
import io.cairn.run.query.RunView.LatestMetric;
import io.cairn.search.query.Highlighter;
import io.cairn.search.query.Highlighter.Highlight;
import io.cairn.search.query.SearchDocument;
import io.cairn.search.query.SearchIndex;
import io.cairn.search.query.SearchQuery;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.CairnPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Global search over the projects, runs, datasets and models of the caller's organization that the caller
 * may read (see {@link SearchQuery} for the grammar). Answers from the search index, which the {@code search}
 * projection keeps current shortly after each write.
 */
@RestController
@RequestMapping("/api/v1/search")
public class SearchController {

    private final SearchIndex index;
    private final AccessPolicy policy;
    private final Highlighter highlighter = new Highlighter();

    public SearchController(SearchIndex index, AccessPolicy policy) {
        this.index = index;
        this.policy = policy;
    }

    /**
     * @param kind       {@code project}, {@code run}, {@code dataset} or {@code model}
     * @param projectId  the project of a project or run; null for datasets and models
     * @param highlights the fields matching the query's words, with the words marked
     */
    public record SearchResult(String kind, String id, String projectId, String name, String description,
                               String status, Map<String, String> tags, Map<String, String> params,
                               Map<String, LatestMetric> metrics, long updateTime, List<Highlight> highlights) {
    }

    public record SearchPage(List<SearchResult> results, String nextPageToken) {
    }

    @GetMapping
    SearchPage search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer maxResults,
                      @RequestParam(required = false) String pageToken) {
        CairnPrincipal caller = policy.caller(Action.READ);
        long offset = PageToken.decode(pageToken);
        if (offset >= SearchIndex.MAX_WINDOW) {
            throw new InvalidInputException("pageToken", "Search pages reach at most the first "
                    + SearchIndex.MAX_WINDOW + " results; narrow the query");
        }
        // the last page before the limit is shorter
        int size = (int) Math.min(PageToken.maxResults(maxResults), SearchIndex.MAX_WINDOW - offset);
        SearchQuery query = SearchQuery.parse(q, caller.tenantId(), policy.visibleProjects(caller).orElse(null));
        List<SearchDocument> found = index.search(query, offset, size + 1);
        List<SearchResult> results = found.subList(0, Math.min(size, found.size())).stream()
                .map(document -> result(document, query))
                .toList();
        // the index returns nothing past MAX_WINDOW, so the page that reaches it has no next token
        String next = PageToken.next(offset, size, found.size());
        return new SearchPage(results, next);
    }

    private SearchResult result(SearchDocument d, SearchQuery query) {
        return new SearchResult(d.kind().wireName(), d.id(), d.projectId(), d.name(), d.description(), d.status(),
                d.tags(), d.params(), d.metrics(), d.updateTime(), highlighter.highlight(d, query.text()));
    }
}
