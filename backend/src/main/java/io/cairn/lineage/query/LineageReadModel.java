package io.cairn.lineage.query;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.jdbc.KeyList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Walks the lineage graph breadth-first, one query per step; every query is scoped by tenant. */
@Component
public class LineageReadModel {

    public static final int MAX_DEPTH = 50;
    /** An answer holds at most this many nodes; beyond it the walk stops and says so. */
    public static final int MAX_NODES = 5_000;
    private static final int KEYS_PER_QUERY = 500;
    private static final TypeReference<LinkedHashMap<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    public enum Direction { UPSTREAM, DOWNSTREAM }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final int maxNodes;

    @Autowired
    public LineageReadModel(JdbcClient jdbc, JsonMapper json) {
        this(jdbc, json, MAX_NODES);
    }

    LineageReadModel(JdbcClient jdbc, JsonMapper json, int maxNodes) {
        this.jdbc = jdbc;
        this.json = json;
        this.maxNodes = maxNodes;
    }

    public static Direction direction(String value) {
        if ("upstream".equals(value)) {
            return Direction.UPSTREAM;
        }
        if ("downstream".equals(value)) {
            return Direction.DOWNSTREAM;
        }
        throw new InvalidInputException("direction", "direction must be upstream or downstream");
    }

    public static int depth(Integer value) {
        if (value == null) {
            return 10;
        }
        if (value < 1 || value > MAX_DEPTH) {
            throw new InvalidInputException("depth", "depth must be between 1 and " + MAX_DEPTH);
        }
        return value;
    }

    private record EdgeRow(String fromKey, String toKey, String relation, String eventId, String actor, long time) {
    }

    /**
     * The graph around one node, leaving out runs for which {@code runVisible} says no, and their artifacts:
     * the walk neither shows nor passes through them (a hidden starting node is not found).
     */
    public LineageGraph graph(String tenantId, LineageKind kind, String id, Direction direction, int depth,
                              Predicate<String> runVisible) {
        return graph(tenantId, kind, id, direction, depth, runVisible, deploymentId -> true);
    }

    /** {@link #graph(String, LineageKind, String, Direction, int, Predicate)}, also leaving out hidden deployments. */
    public LineageGraph graph(String tenantId, LineageKind kind, String id, Direction direction, int depth,
                              Predicate<String> runVisible, Predicate<String> deploymentVisible) {
        String rootKey = kind.key(id);
        Map<String, Integer> distances = new LinkedHashMap<>();
        distances.put(rootKey, 0);
        if (hidden(rootKey, runVisible, deploymentVisible) || nodes(tenantId, List.of(rootKey), distances).isEmpty()) {
            throw new NotFoundException("Lineage node", rootKey);
        }
        boolean upstream = direction == Direction.UPSTREAM;
        Map<String, EdgeRow> edges = new LinkedHashMap<>();
        List<String> frontier = List.of(rootKey);
        boolean truncated = false;
        for (int step = 1; step <= depth && !frontier.isEmpty() && !truncated; step++) {
            Set<String> next = new LinkedHashSet<>();
            for (EdgeRow edge : edgesTouching(tenantId, frontier, upstream)) {
                String other = upstream ? edge.fromKey() : edge.toKey();
                if (hidden(other, runVisible, deploymentVisible)) {
                    continue;
                }
                if (!distances.containsKey(other)) {
                    if (distances.size() >= maxNodes) {
                        truncated = true;
                        continue;
                    }
                    distances.put(other, step);
                    next.add(other);
                }
                edges.putIfAbsent(edge.fromKey() + " " + edge.toKey() + " " + edge.relation(), edge);
            }
            frontier = new ArrayList<>(next);
        }
        Map<String, LineageGraph.Node> nodes = nodes(tenantId, new ArrayList<>(distances.keySet()), distances);
        List<LineageGraph.Node> sortedNodes = nodes.values().stream()
                .sorted(Comparator.comparingInt(LineageGraph.Node::distance).thenComparing(LineageGraph.Node::kind)
                        .thenComparing(LineageGraph.Node::id))
                .toList();
        List<LineageGraph.Edge> sortedEdges = edges.values().stream()
                .sorted(Comparator.comparingLong(EdgeRow::time).thenComparing(EdgeRow::fromKey).thenComparing(EdgeRow::toKey))
                .map(e -> new LineageGraph.Edge(ref(e.fromKey()), ref(e.toKey()), e.relation(), e.eventId(), e.actor(),
                        e.time()))
                .toList();
        return new LineageGraph(new LineageGraph.NodeRef(kind.label(), id), direction.name().toLowerCase(), depth,
                sortedNodes, sortedEdges, truncated);
    }

    /**
     * A run node, or an artifact node (id {@code <runId>/<path>@sha256:<hex>}), of a run not to be shown, or a
     * deployment not to be shown.
     */
    private static boolean hidden(String key, Predicate<String> runVisible, Predicate<String> deploymentVisible) {
        LineageGraph.NodeRef node = ref(key);
        if (LineageKind.DEPLOYMENT.label().equals(node.kind())) {
            return !deploymentVisible.test(node.id());
        }
        if (LineageKind.RUN.label().equals(node.kind())) {
            return !runVisible.test(node.id());
        }
        if (LineageKind.ARTIFACT.label().equals(node.kind())) {
            int slash = node.id().indexOf('/');
            return !runVisible.test(slash < 0 ? node.id() : node.id().substring(0, slash));
        }
        return false;
    }

    /** Keys are {@code <kind>:<id>} and kinds hold no colon. */
    private static LineageGraph.NodeRef ref(String key) {
        int colon = key.indexOf(':');
        return new LineageGraph.NodeRef(key.substring(0, colon), key.substring(colon + 1));
    }

    private List<EdgeRow> edgesTouching(String tenantId, List<String> keys, boolean upstream) {
        List<EdgeRow> rows = new ArrayList<>();
        for (List<String> chunk : chunks(keys)) {
            String keyColumn = upstream ? "to_key" : "from_key";
            rows.addAll(jdbc.sql("SELECT e.from_key, e.to_key, e.relation, e.event_id, e.actor, e.event_time FROM "
                            + KeyList.values(chunk.size(), "wanted", "k")
                            + " JOIN lineage_edges e ON e.tenant_id = ? AND e." + keyColumn + " = wanted.k")
                    .params(KeyList.args(chunk, tenantId))
                    .query((rs, n) -> new EdgeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6)))
                    .list());
        }
        return rows;
    }

    /** The nodes of the given keys that exist, by key. */
    private Map<String, LineageGraph.Node> nodes(String tenantId, List<String> keys, Map<String, Integer> distances) {
        Map<String, LineageGraph.Node> nodes = new HashMap<>();
        for (List<String> chunk : chunks(keys)) {
            jdbc.sql("SELECT n.node_key, n.kind, n.id, n.properties_json, n.event_id, n.actor, n.event_time FROM "
                            + KeyList.values(chunk.size(), "wanted", "k")
                            + " JOIN lineage_nodes n ON n.tenant_id = ? AND n.node_key = wanted.k")
                    .params(KeyList.args(chunk, tenantId))
                    .query(rs -> {
                        nodes.put(rs.getString(1), new LineageGraph.Node(rs.getString(2), rs.getString(3),
                                distances.get(rs.getString(1)), json.readValue(rs.getString(4), PROPERTIES),
                                rs.getString(5), rs.getString(6), rs.getLong(7)));
                    });
        }
        return nodes;
    }

    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_QUERY) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + KEYS_PER_QUERY)));
        }
        return chunks;
    }
}
