-- How a run's digest left: 'smtp' (the server accepted it) or 'bandeja_salida'
-- (saved as an .eml file, no SMTP configured); '' when none left. Rows written
-- before this step keep '': whether they went out by SMTP is not known.
ALTER TABLE executions ADD COLUMN envio TEXT NOT NULL DEFAULT '';
