package io.cairn.run.query;

import io.cairn.run.query.search.RunSearchSql;
import io.cairn.run.query.search.SqlQuery;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Run search as one SQL query over the read model ({@code cairn.search.engine=sql}). */
@Component
@ConditionalOnProperty(name = "cairn.search.engine", havingValue = "sql")
public class SqlRunSearch implements RunSearch {

    private final JdbcClient jdbc;
    private final RunReadModel runs;

    public SqlRunSearch(JdbcClient jdbc, RunReadModel runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @Override
    public List<RunView> search(String tenantId, List<String> projectIds, String filter, List<String> orderBy,
            int limit, long offset) {
        SqlQuery query = RunSearchSql.build(tenantId, projectIds, filter, orderBy, limit, offset);
        List<String> ids = jdbc.sql(query.sql()).params(query.args()).query(String.class).list();
        return runs.views(tenantId, ids);
    }
}
