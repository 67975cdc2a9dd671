-- 25,000 alerts: lists, counts and digests compute the effective priority in
-- SQL (storage/escalation.go), so each question reads the rows it selects.
--
-- Totals by effective priority are sums of range counts on prioridad, state
-- and due date (the alerts of one priority, less those a step raised, plus
-- those a step raised to it).
CREATE INDEX alertas_by_priority_state_due ON alertas (prioridad, abierta, vence_el);
-- "vence_antes" and the due windows of the steps.
CREATE INDEX alertas_by_state_due ON alertas (abierta, vence_el);
-- A company's alerts by state; it also serves every lookup by company.
CREATE INDEX alertas_by_company_state ON alertas (empresa_id, abierta);
DROP INDEX alertas_by_company;
-- The per-company counts: open alerts by company and given priority, kept by
-- the triggers below, then moved to their effective priority by reading, from
-- this index alone, only the open alerts of a priority that a step raises.
CREATE INDEX alertas_open_by_priority_due ON alertas (prioridad, vence_el, empresa_id) WHERE abierta = 1;
DROP INDEX alertas_open_by_priority;
CREATE TABLE alertas_abiertas_conteo (
    empresa_id INTEGER NOT NULL,
    prioridad  TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (empresa_id, prioridad)
) WITHOUT ROWID;
INSERT INTO alertas_abiertas_conteo (empresa_id, prioridad, n)
    SELECT empresa_id, prioridad, count(*) FROM alertas WHERE abierta = 1 GROUP BY 1, 2;

CREATE TRIGGER alertas_abiertas_conteo_insert AFTER INSERT ON alertas WHEN NEW.abierta = 1
BEGIN
    INSERT INTO alertas_abiertas_conteo (empresa_id, prioridad, n) VALUES (NEW.empresa_id, NEW.prioridad, 1)
        ON CONFLICT (empresa_id, prioridad) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER alertas_abiertas_conteo_update AFTER UPDATE OF empresa_id, prioridad, abierta ON alertas
WHEN OLD.empresa_id IS NOT NEW.empresa_id OR OLD.prioridad IS NOT NEW.prioridad OR OLD.abierta IS NOT NEW.abierta
BEGIN
    UPDATE alertas_abiertas_conteo SET n = n - 1
        WHERE OLD.abierta = 1 AND empresa_id = OLD.empresa_id AND prioridad = OLD.prioridad;
    INSERT INTO alertas_abiertas_conteo (empresa_id, prioridad, n) SELECT NEW.empresa_id, NEW.prioridad, 1
        WHERE NEW.abierta = 1
        ON CONFLICT (empresa_id, prioridad) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER alertas_abiertas_conteo_delete AFTER DELETE ON alertas WHEN OLD.abierta = 1
BEGIN
    UPDATE alertas_abiertas_conteo SET n = n - 1
        WHERE empresa_id = OLD.empresa_id AND prioridad = OLD.prioridad;
END;
