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
-- How many alerts each company has by given priority and state, and in all
-- (empresa_id 0), kept by the triggers below: the totals of the lists and the
-- per-company counts start here, then move the alerts a step raises by
-- reading, from this index alone, only those.
CREATE INDEX alertas_open_by_priority_due ON alertas (prioridad, vence_el, empresa_id) WHERE abierta = 1;
DROP INDEX alertas_open_by_priority;
CREATE TABLE alertas_conteo (
    empresa_id INTEGER NOT NULL,
    prioridad  TEXT    NOT NULL,
    abierta    INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (abierta, empresa_id, prioridad)
) WITHOUT ROWID;
INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n)
    SELECT empresa_id, prioridad, abierta, count(*) FROM alertas GROUP BY 1, 2, 3
    UNION ALL
    SELECT 0, prioridad, abierta, count(*) FROM alertas GROUP BY 2, 3;

CREATE TRIGGER alertas_conteo_insert AFTER INSERT ON alertas
BEGIN
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (NEW.empresa_id, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (0, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER alertas_conteo_update AFTER UPDATE OF empresa_id, prioridad, abierta ON alertas
WHEN OLD.empresa_id IS NOT NEW.empresa_id OR OLD.prioridad IS NOT NEW.prioridad OR OLD.abierta IS NOT NEW.abierta
BEGIN
    UPDATE alertas_conteo SET n = n - 1
        WHERE (empresa_id = OLD.empresa_id OR empresa_id = 0) AND prioridad = OLD.prioridad AND abierta = OLD.abierta;
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (NEW.empresa_id, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (0, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER alertas_conteo_delete AFTER DELETE ON alertas
BEGIN
    UPDATE alertas_conteo SET n = n - 1
        WHERE (empresa_id = OLD.empresa_id OR empresa_id = 0) AND prioridad = OLD.prioridad AND abierta = OLD.abierta;
END;

-- A number that grows with every change that can move an open alert between
-- companies or effective priorities (its company, priority, state or due
-- date): OpenAlertCounts keeps its last answer for one version and day. The
-- triggers run in whatever process writes the file, so a change made by
-- another process is seen too.
CREATE TABLE alertas_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  INTEGER NOT NULL
);
INSERT INTO alertas_version (id, v) VALUES (1, 1);
CREATE TRIGGER alertas_version_insert AFTER INSERT ON alertas
BEGIN
    UPDATE alertas_version SET v = v + 1 WHERE id = 1;
END;
CREATE TRIGGER alertas_version_update AFTER UPDATE OF empresa_id, prioridad, abierta, vence_el ON alertas
WHEN OLD.empresa_id IS NOT NEW.empresa_id OR OLD.prioridad IS NOT NEW.prioridad OR OLD.abierta IS NOT NEW.abierta
    OR OLD.vence_el IS NOT NEW.vence_el
BEGIN
    UPDATE alertas_version SET v = v + 1 WHERE id = 1;
END;
CREATE TRIGGER alertas_version_delete AFTER DELETE ON alertas
BEGIN
    UPDATE alertas_version SET v = v + 1 WHERE id = 1;
END;
