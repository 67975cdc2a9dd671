-- Vigía's first schema. Times are INTEGER unix milliseconds UTC (NULL: none);
-- calendar dates are TEXT "YYYY-MM-DD". Lists keep their order: dias_semana and
-- prioridades are comma-separated, destinatarios is a JSON array of strings.

-- AUTOINCREMENT: a deleted trigger's id is never reused, so its history rows
-- (which keep trigger_id) never attach to a newer trigger.
CREATE TABLE triggers (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    nombre             TEXT    NOT NULL,
    descripcion        TEXT    NOT NULL DEFAULT '',
    frecuencia         TEXT    NOT NULL,
    hora               INTEGER NOT NULL DEFAULT 0,
    minuto             INTEGER NOT NULL DEFAULT 0,
    dias_semana        TEXT    NOT NULL DEFAULT '',
    dia_mes            INTEGER NOT NULL DEFAULT 0,
    intervalo_horas    INTEGER NOT NULL DEFAULT 0,
    ancla              INTEGER,
    destinatarios      TEXT    NOT NULL DEFAULT '[]',
    prioridades        TEXT    NOT NULL DEFAULT '',
    activo             INTEGER NOT NULL DEFAULT 1,
    enviar_sin_alertas INTEGER NOT NULL DEFAULT 0,
    creado_en          INTEGER,
    actualizado_en     INTEGER
);

-- No foreign key on trigger_id: the history outlives the trigger. Rows are
-- never deleted, so ids grow with time and "newest first" is ORDER BY id DESC.
CREATE TABLE executions (
    id                   INTEGER PRIMARY KEY,
    trigger_id           INTEGER NOT NULL,
    trigger_nombre       TEXT    NOT NULL DEFAULT '',
    programada_para      INTEGER,
    inicio               INTEGER,
    fin                  INTEGER,
    estado               TEXT    NOT NULL,
    origen               TEXT    NOT NULL,
    empresas_con_alertas INTEGER NOT NULL DEFAULT 0,
    total_alertas        INTEGER NOT NULL DEFAULT 0,
    destinatarios        TEXT    NOT NULL DEFAULT '[]',
    notificaciones       INTEGER NOT NULL DEFAULT 0,
    intentos             INTEGER NOT NULL DEFAULT 0,
    error                TEXT    NOT NULL DEFAULT ''
);

-- A scheduled slot is claimed once, whoever asks (timer, catch-up, watchdog,
-- another process). Manual runs are not slots.
CREATE UNIQUE INDEX executions_slot ON executions (trigger_id, programada_para)
    WHERE origen IN ('programada', 'recuperacion');

-- History pages, newest first: an index on a column also orders by rowid (id),
-- so "WHERE x = ? ORDER BY id DESC LIMIT n" walks the index backwards.
CREATE INDEX executions_by_trigger ON executions (trigger_id);
CREATE INDEX executions_by_state ON executions (estado);
CREATE INDEX executions_by_trigger_state ON executions (trigger_id, estado);

-- Row counts per (trigger, state), kept by the triggers below, so a page's
-- total never counts the history table. trigger_id 0 holds the totals of every
-- trigger per state (real trigger ids start at 1).
CREATE TABLE execution_counts (
    trigger_id INTEGER NOT NULL,
    estado     TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (trigger_id, estado)
) WITHOUT ROWID;

CREATE TRIGGER executions_count_insert AFTER INSERT ON executions
BEGIN
    INSERT INTO execution_counts (trigger_id, estado, n) VALUES (NEW.trigger_id, NEW.estado, 1)
        ON CONFLICT (trigger_id, estado) DO UPDATE SET n = n + 1;
    INSERT INTO execution_counts (trigger_id, estado, n) VALUES (0, NEW.estado, 1)
        ON CONFLICT (trigger_id, estado) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER executions_count_update AFTER UPDATE OF trigger_id, estado ON executions
WHEN OLD.trigger_id IS NOT NEW.trigger_id OR OLD.estado IS NOT NEW.estado
BEGIN
    UPDATE execution_counts SET n = n - 1
        WHERE (trigger_id = OLD.trigger_id OR trigger_id = 0) AND estado = OLD.estado;
    INSERT INTO execution_counts (trigger_id, estado, n) VALUES (NEW.trigger_id, NEW.estado, 1)
        ON CONFLICT (trigger_id, estado) DO UPDATE SET n = n + 1;
    INSERT INTO execution_counts (trigger_id, estado, n) VALUES (0, NEW.estado, 1)
        ON CONFLICT (trigger_id, estado) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER executions_count_delete AFTER DELETE ON executions
BEGIN
    UPDATE execution_counts SET n = n - 1
        WHERE (trigger_id = OLD.trigger_id OR trigger_id = 0) AND estado = OLD.estado;
END;

-- nombre_clave is the name folded by Go (full Unicode lower case), so
-- "PANADERÍA" and "Panadería" are the same company; COLLATE NOCASE alone
-- folds ASCII only.
CREATE TABLE empresas (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    nombre       TEXT NOT NULL COLLATE NOCASE,
    nombre_clave TEXT NOT NULL UNIQUE,
    nit          TEXT NOT NULL DEFAULT '',
    creado_en    INTEGER
);

CREATE TABLE alertas (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    empresa_id     INTEGER NOT NULL REFERENCES empresas (id) ON DELETE CASCADE,
    titulo         TEXT    NOT NULL,
    detalle        TEXT    NOT NULL DEFAULT '',
    prioridad      TEXT    NOT NULL,
    vence_el       TEXT,
    abierta        INTEGER NOT NULL DEFAULT 1,
    resuelta_en    INTEGER,
    creado_en      INTEGER,
    actualizado_en INTEGER
);

CREATE INDEX alertas_by_company ON alertas (empresa_id);
-- The digest query: open alerts of some priorities.
CREATE INDEX alertas_open_by_priority ON alertas (prioridad, empresa_id) WHERE abierta = 1;
