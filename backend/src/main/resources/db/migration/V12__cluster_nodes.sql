-- The backend instances of a cluster, each noting itself alive every few seconds (SegmentBalancer): how many
-- share the projections' segments. Written only when cairn.processing.segments > 1.
CREATE TABLE cluster_nodes (
    node_id   VARCHAR(64) PRIMARY KEY,
    last_seen BIGINT      NOT NULL
);
