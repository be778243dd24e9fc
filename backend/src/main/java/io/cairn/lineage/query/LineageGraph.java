package io.cairn.lineage.query;

import java.util.List;
import java.util.Map;

/**
 * The part of the lineage graph reachable from {@code root} within {@code depth} steps in one direction.
 * {@code truncated} says the answer stopped at the node limit before reaching the depth.
 */
public record LineageGraph(NodeRef root, String direction, int depth, List<Node> nodes, List<Edge> edges,
                           boolean truncated) {

    public record NodeRef(String kind, String id) {
    }

    /**
     * A node, {@code distance} steps from the root, with what is known of it and the event that first
     * mentioned it (its id, the acting principal and the time, epoch milliseconds).
     */
    public record Node(String kind, String id, int distance, Map<String, Object> properties, String eventId,
                       String actor, long time) {
    }

    /** An edge, pointing downstream ({@code from} was consumed by, produced or registered {@code to}). */
    public record Edge(NodeRef from, NodeRef to, String relation, String eventId, String actor, long time) {
    }
}
