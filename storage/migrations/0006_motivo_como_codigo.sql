-- What went wrong with a run as a code and its arguments (a JSON object), so
-- each reader words it in its own language; error keeps the Spanish words.
-- Rows written before this step have NULL here and only their error text.
ALTER TABLE executions ADD COLUMN error_codigo TEXT;
ALTER TABLE executions ADD COLUMN error_args TEXT;
