-- History filtered by a range of scheduled dates (the Historial tab, the
-- API's desde/hasta). Its leading column is not trigger_id nor estado, so the
-- pages without a range keep walking executions_by_trigger/_by_state in id
-- order; the range queries name it (INDEXED BY). trigger_id and estado let a
-- range's page and its total be filtered inside the index, without reading
-- the rows.
CREATE INDEX executions_by_scheduled ON executions (programada_para, trigger_id, estado);
