-- The tax calendar (issue 12): the obligations a company owes, the alerts
-- the calendar writes for their due dates, and the calendar file the user
-- imported.

-- Taxcal codes, comma-separated, in the order the core gives them.
ALTER TABLE empresas ADD COLUMN responsabilidades TEXT NOT NULL DEFAULT '';

-- origen: '' an alert the user wrote, 'calendario' one the calendar wrote;
-- the other columns say which due date (obligation, period, installment 0
-- when the obligation has none), its state (oficial, calculada, editada) and
-- source, whether the user edited it, and the date an update of the
-- calendar moved it from (TEXT YYYY-MM-DD) and when (ms), NULL when never.
ALTER TABLE alertas ADD COLUMN origen         TEXT    NOT NULL DEFAULT '';
ALTER TABLE alertas ADD COLUMN obligacion     TEXT    NOT NULL DEFAULT '';
ALTER TABLE alertas ADD COLUMN periodo        TEXT    NOT NULL DEFAULT '';
ALTER TABLE alertas ADD COLUMN cuota          INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alertas ADD COLUMN estado_fecha   TEXT    NOT NULL DEFAULT '';
ALTER TABLE alertas ADD COLUMN fuente         TEXT    NOT NULL DEFAULT '';
ALTER TABLE alertas ADD COLUMN editada        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alertas ADD COLUMN fecha_anterior TEXT;
ALTER TABLE alertas ADD COLUMN movida_en      INTEGER;

-- One alert per company and due date of the calendar, like a trigger's slot:
-- two processes regenerating at once insert it once (INSERT ... ON CONFLICT
-- DO NOTHING), and a resolved or edited one is never written again. It also
-- finds every calendar alert without reading the user's.
CREATE UNIQUE INDEX alertas_calendario ON alertas (empresa_id, obligacion, periodo, cuota)
    WHERE origen = 'calendario';

-- The calendar file the user imported (none: the one embedded in Vigía
-- applies), read by every process and after a restart.
CREATE TABLE calendario_datos (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    contenido   BLOB    NOT NULL,
    guardado_en INTEGER NOT NULL
);

-- alertas_conteo and alertas_version keep following every alert: their
-- triggers fire on each inserted row (an insert skipped by ON CONFLICT fires
-- none) and on updates of the columns they count, whoever writes them.
