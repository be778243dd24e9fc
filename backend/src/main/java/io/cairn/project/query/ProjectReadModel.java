package io.cairn.project.query;

import io.cairn.common.error.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the projects read model; every query is scoped by tenant. */
@Component
public class ProjectReadModel {

    private static final String COLUMNS =
            "id, name, description, archived, created_by, creation_time, update_time";

    private final JdbcClient jdbc;

    public ProjectReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ProjectView get(String tenantId, String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projects WHERE tenant_id = ? AND id = ?")
                .params(tenantId, projectId)
                .query((rs, n) -> row(rs, tags(tenantId, List.of(projectId)).getOrDefault(projectId, Map.of())))
                .optional()
                .orElseThrow(() -> new NotFoundException("Project", projectId));
    }

    /** The id of the tenant's project named exactly {@code name}, archived or not. */
    public Optional<String> idByName(String tenantId, String name) {
        return jdbc.sql("SELECT id FROM projects WHERE tenant_id = ? AND name = ?").params(tenantId, name)
                .query(String.class).optional();
    }

    /**
     * One page (plus one row, to tell whether more follow), newest first.
     *
     * @param visibleTo null for every project of the tenant, or a principal id for only the projects it holds a
     *                  role on (resolved by the {@code access} projection into {@code project_access})
     */
    public List<ProjectView> list(String tenantId, String visibleTo, boolean includeArchived, long offset, int limit) {
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (visibleTo != null) {
            args.add(visibleTo);
        }
        args.add(limit);
        args.add(offset);
        List<ProjectView> bare = jdbc.sql("SELECT " + COLUMNS + " FROM projects p WHERE tenant_id = ?"
                        + (visibleTo == null ? "" : " AND EXISTS (SELECT 1 FROM project_access a WHERE a.tenant_id = "
                                + "p.tenant_id AND a.project_id = p.id AND a.principal_id = ?)")
                        + (includeArchived ? "" : " AND NOT archived")
                        + " ORDER BY creation_time DESC, id LIMIT ? OFFSET ?")
                .params(args)
                .query((rs, n) -> row(rs, Map.of()))
                .list();
        Map<String, Map<String, String>> tags = tags(tenantId, bare.stream().map(ProjectView::id).toList());
        return bare.stream().map(p -> new ProjectView(p.id(), p.name(), p.description(),
                tags.getOrDefault(p.id(), Map.of()), p.archived(), p.createdBy(), p.creationTime(),
                p.lastUpdateTime())).toList();
    }

    private Map<String, Map<String, String>> tags(String tenantId, List<String> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> tags = new HashMap<>();
        jdbc.sql("SELECT project_id, tag_key, tag_value FROM project_tags WHERE tenant_id = :tenant AND project_id IN (:ids)")
                .param("tenant", tenantId)
                .param("ids", projectIds)
                .query(rs -> {
                    tags.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return tags;
    }

    private static ProjectView row(ResultSet rs, Map<String, String> tags) throws SQLException {
        return new ProjectView(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                new LinkedHashMap<>(tags), rs.getBoolean("archived"), rs.getString("created_by"),
                rs.getLong("creation_time"), rs.getLong("update_time"));
    }
}
