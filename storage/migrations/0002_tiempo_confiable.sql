-- "Time you can trust": catch-up per trigger, the instance that claimed each
-- row, persisted settings (the scheduler's pause), a version counter that
-- tells every process when the schedule changed, and the scheduler's lease.

-- recuperar: after downtime, run the newest missed slot once (default: yes,
-- also for the triggers that existed before this step).
ALTER TABLE triggers ADD COLUMN recuperar INTEGER NOT NULL DEFAULT 1;

-- instancia: the process that claimed the row, so a starting process marks
-- interrumpida only the rows a dead process left en_curso.
ALTER TABLE executions ADD COLUMN instancia TEXT NOT NULL DEFAULT '';

CREATE TABLE settings (
    clave TEXT PRIMARY KEY,
    valor TEXT NOT NULL
) WITHOUT ROWID;

-- One row whose n grows with every change to triggers or settings, whoever
-- writes them: the scheduling process polls it to learn that another process
-- changed the schedule. History writes leave it alone (PRAGMA data_version
-- would change with every run).
CREATE TABLE schedule_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO schedule_version (id, n) VALUES (1, 1);

CREATE TRIGGER triggers_version_insert AFTER INSERT ON triggers
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER triggers_version_update AFTER UPDATE ON triggers
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER triggers_version_delete AFTER DELETE ON triggers
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER settings_version_insert AFTER INSERT ON settings
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER settings_version_update AFTER UPDATE ON settings
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER settings_version_delete AFTER DELETE ON settings
BEGIN
    UPDATE schedule_version SET n = n + 1 WHERE id = 1;
END;

-- Who does what for this database: nombre is the job ("scheduler"), titular
-- the holding instance, equipo and pid say where it runs, vence_en (unix ms)
-- when the others may take it over.
CREATE TABLE leases (
    nombre   TEXT    PRIMARY KEY,
    titular  TEXT    NOT NULL,
    equipo   TEXT    NOT NULL,
    pid      INTEGER NOT NULL,
    vence_en INTEGER NOT NULL
) WITHOUT ROWID;
