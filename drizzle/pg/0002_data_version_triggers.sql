-- Per-employer data versions (the evaluation cache's key): every write bumps the version of
-- the employer the rows belong to, whichever connection or process made it. Employer 0 is the
-- reference data (policies, non-working days), which every employer's evaluation reads.
-- Statement-level AFTER triggers with transition tables: a 50,000-row import bumps each employer
-- it touches once, not once per row. PostgreSQL allows transition tables only on single-event
-- triggers, hence three triggers per table, sharing one function per kind of table:
--   data_versions_by_id           employers (the row's own id)
--   data_versions_by_employer_id  tables with an employer_id column
--   data_versions_by_employee     wages, registrations (the employer of the row's employee; a row
--                                 removed by ON DELETE CASCADE finds no employee any more, and the
--                                 employee's own delete bumps its employer)
--   data_versions_reference       policies, non_working_days (employer 0)
-- An UPDATE that moves rows to another employer bumps both. The ids are bumped in ascending
-- order, so two transactions lock their data_versions rows in the same order.
-- The SQLite twin is drizzle/0008_data_version_triggers.sql (row-level).
CREATE FUNCTION data_versions_bump(employer_ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_versions AS d (employer_id, version)
  SELECT DISTINCT e, 1 FROM unnest(employer_ids) AS e WHERE e IS NOT NULL ORDER BY e
  ON CONFLICT (employer_id) DO UPDATE SET version = d.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION data_versions_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM data_versions_bump(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM data_versions_bump(ARRAY(SELECT id FROM old_rows UNION SELECT id FROM new_rows));
  ELSE
    PERFORM data_versions_bump(ARRAY(SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION data_versions_by_employer_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM data_versions_bump(ARRAY(SELECT employer_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM data_versions_bump(ARRAY(SELECT employer_id FROM old_rows UNION SELECT employer_id FROM new_rows));
  ELSE
    PERFORM data_versions_bump(ARRAY(SELECT employer_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION data_versions_by_employee() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM data_versions_bump(ARRAY(SELECT e.employer_id FROM new_rows r JOIN employees e ON e.id = r.employee_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM data_versions_bump(ARRAY(SELECT e.employer_id FROM old_rows r JOIN employees e ON e.id = r.employee_id UNION SELECT e.employer_id FROM new_rows r JOIN employees e ON e.id = r.employee_id));
  ELSE
    PERFORM data_versions_bump(ARRAY(SELECT e.employer_id FROM old_rows r JOIN employees e ON e.id = r.employee_id));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION data_versions_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows) THEN PERFORM data_versions_bump(ARRAY[0]); END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM data_versions_bump(ARRAY[0]); END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER employers_data_version_insert AFTER INSERT ON employers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_id();
--> statement-breakpoint
CREATE TRIGGER employers_data_version_update AFTER UPDATE ON employers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_id();
--> statement-breakpoint
CREATE TRIGGER employers_data_version_delete AFTER DELETE ON employers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_id();
--> statement-breakpoint
CREATE TRIGGER employees_data_version_insert AFTER INSERT ON employees
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER employees_data_version_update AFTER UPDATE ON employees
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER employees_data_version_delete AFTER DELETE ON employees
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER wages_data_version_insert AFTER INSERT ON wages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER wages_data_version_update AFTER UPDATE ON wages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER wages_data_version_delete AFTER DELETE ON wages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employee();
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_insert AFTER INSERT ON declaration_lines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_update AFTER UPDATE ON declaration_lines
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_delete AFTER DELETE ON declaration_lines
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER payments_data_version_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER payments_data_version_update AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER payments_data_version_delete AFTER DELETE ON payments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_insert AFTER INSERT ON collection_actions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_update AFTER UPDATE ON collection_actions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_delete AFTER DELETE ON collection_actions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER statements_data_version_insert AFTER INSERT ON statements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER statements_data_version_update AFTER UPDATE ON statements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER statements_data_version_delete AFTER DELETE ON statements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_insert AFTER INSERT ON annual_base_declarations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_update AFTER UPDATE ON annual_base_declarations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_delete AFTER DELETE ON annual_base_declarations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_insert AFTER INSERT ON change_list_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_update AFTER UPDATE ON change_list_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_delete AFTER DELETE ON change_list_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER policies_data_version_insert AFTER INSERT ON policies
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
--> statement-breakpoint
CREATE TRIGGER policies_data_version_update AFTER UPDATE ON policies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
--> statement-breakpoint
CREATE TRIGGER policies_data_version_delete AFTER DELETE ON policies
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_insert AFTER INSERT ON non_working_days
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_update AFTER UPDATE ON non_working_days
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_delete AFTER DELETE ON non_working_days
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_reference();
