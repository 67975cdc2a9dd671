-- "Alerts the accountant can trust": a company's contact e-mail and whether it
-- is active (an inactive company's alerts stay out of digests), and the note
-- written when an alert is resolved.

ALTER TABLE empresas ADD COLUMN contacto TEXT NOT NULL DEFAULT '';
ALTER TABLE empresas ADD COLUMN activa INTEGER NOT NULL DEFAULT 1;

ALTER TABLE alertas ADD COLUMN nota_resolucion TEXT NOT NULL DEFAULT '';
