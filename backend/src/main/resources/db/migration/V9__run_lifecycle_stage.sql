-- A run's lifecycle stage: 'active', or 'deleted' once soft-deleted (RunDeleted; RunRestored undoes it).
-- MLflow clients delete, restore and filter runs by it; it is searchable as attributes.lifecycle_stage.
ALTER TABLE runs ADD COLUMN lifecycle_stage VARCHAR(16) DEFAULT 'active' NOT NULL;

-- Every run's search document gains the field: re-index them all.
INSERT INTO run_index_queue (tenant_id, run_id) SELECT tenant_id, id FROM runs;
