-- Private applications, and app names in the audit log.
--
-- `applications.private`: the application is closed while it has no
-- credentials. Its middleware then holds the one entry a locked
-- application's holds, which no password matches, so Traefik answers 401 to
-- everyone instead of serving it publicly; from its first credential on it is
-- protected as any application.
--
-- `audit_log.app_name`: the app name of the event's application when the
-- event was recorded, so that the events of a removed application still name
-- it. Existing rows take it from the application when it still exists, else
-- from the detail of its `app.remove` event ("app name 'shop', ..."), else
-- from its `app.add` event (the name it was created with).
ALTER TABLE applications ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
ALTER TABLE audit_log ADD COLUMN app_name TEXT;
UPDATE audit_log SET app_name = (
    SELECT a.app_name FROM applications a WHERE a.application_id = audit_log.application_id)
WHERE application_id IS NOT NULL;
UPDATE audit_log SET app_name = (
    SELECT substr(r.detail, 11, instr(substr(r.detail, 11), '''') - 1)
    FROM audit_log r
    WHERE r.application_id = audit_log.application_id
      AND r.action = 'app.remove' AND r.outcome = 'ok'
      AND r.detail LIKE 'app name ''%''%'
    ORDER BY r.id DESC LIMIT 1)
WHERE app_name IS NULL AND application_id IS NOT NULL;
UPDATE audit_log SET app_name = (
    SELECT substr(r.detail, 11, instr(substr(r.detail, 11), '''') - 1)
    FROM audit_log r
    WHERE r.application_id = audit_log.application_id
      AND r.action = 'app.add' AND r.outcome = 'ok'
      AND r.detail LIKE 'app name ''%''%'
    ORDER BY r.id LIMIT 1)
WHERE app_name IS NULL AND application_id IS NOT NULL;
