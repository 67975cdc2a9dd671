-- A regeneration of the tax calendar inserts tens of thousands of alerts in
-- one statement after another; the insert triggers of alertas_conteo and
-- alertas_version cost each row three writes more. While alertas_en_bloque
-- holds its row, they do nothing: the writer that set it (ApplyCalendar,
-- storage/calendarcounts.go) adds what it inserted to alertas_conteo, moves
-- alertas_version once, and removes the row, all in its transaction, so no
-- other connection ever sees the row and a crash rolls it back with the rest.
CREATE TABLE alertas_en_bloque (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER alertas_conteo_insert;
CREATE TRIGGER alertas_conteo_insert AFTER INSERT ON alertas
WHEN NOT EXISTS (SELECT 1 FROM alertas_en_bloque)
BEGIN
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (NEW.empresa_id, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
    INSERT INTO alertas_conteo (empresa_id, prioridad, abierta, n) VALUES (0, NEW.prioridad, NEW.abierta, 1)
        ON CONFLICT (empresa_id, prioridad, abierta) DO UPDATE SET n = n + 1;
END;

DROP TRIGGER alertas_version_insert;
CREATE TRIGGER alertas_version_insert AFTER INSERT ON alertas
WHEN NOT EXISTS (SELECT 1 FROM alertas_en_bloque)
BEGIN
    UPDATE alertas_version SET v = v + 1 WHERE id = 1;
END;
