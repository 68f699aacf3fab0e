-- Per-employer data versions (the evaluation cache's key): every write bumps the version of
-- the employer the row belongs to, whichever connection or process made it. Employer 0 is the
-- reference data (policies, non-working days), which every employer's evaluation reads.
-- wages and registrations have no employer_id: the employer of their employee (a row removed by
-- ON DELETE CASCADE finds no employee any more; the employee's own delete bumps its employer).
-- An UPDATE that moves a row to another employer bumps both. The PostgreSQL twin is
-- drizzle/pg/0002_data_version_triggers.sql (statement-level, once per employer per statement).
CREATE TRIGGER employers_data_version_insert AFTER INSERT ON employers
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER employers_data_version_update AFTER UPDATE ON employers
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.id AS employer_id UNION SELECT NEW.id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER employers_data_version_delete AFTER DELETE ON employers
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER employees_data_version_insert AFTER INSERT ON employees
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER employees_data_version_update AFTER UPDATE ON employees
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER employees_data_version_delete AFTER DELETE ON employees
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER wages_data_version_insert AFTER INSERT ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = NEW.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER wages_data_version_update AFTER UPDATE ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = OLD.employee_id UNION SELECT employer_id FROM employees WHERE id = NEW.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER wages_data_version_delete AFTER DELETE ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = OLD.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_insert AFTER INSERT ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = NEW.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_update AFTER UPDATE ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = OLD.employee_id UNION SELECT employer_id FROM employees WHERE id = NEW.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_delete AFTER DELETE ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT employer_id FROM employees WHERE id = OLD.employee_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_insert AFTER INSERT ON declaration_lines
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_update AFTER UPDATE ON declaration_lines
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER declaration_lines_data_version_delete AFTER DELETE ON declaration_lines
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_insert AFTER INSERT ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_update AFTER UPDATE ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_delete AFTER DELETE ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_insert AFTER INSERT ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_update AFTER UPDATE ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_delete AFTER DELETE ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER statements_data_version_insert AFTER INSERT ON statements
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER statements_data_version_update AFTER UPDATE ON statements
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER statements_data_version_delete AFTER DELETE ON statements
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_insert AFTER INSERT ON annual_base_declarations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_update AFTER UPDATE ON annual_base_declarations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER annual_base_declarations_data_version_delete AFTER DELETE ON annual_base_declarations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_insert AFTER INSERT ON change_list_entries
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_update AFTER UPDATE ON change_list_entries
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER change_list_entries_data_version_delete AFTER DELETE ON change_list_entries
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER policies_data_version_insert AFTER INSERT ON policies
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER policies_data_version_update AFTER UPDATE ON policies
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id UNION SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER policies_data_version_delete AFTER DELETE ON policies
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_insert AFTER INSERT ON non_working_days
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_update AFTER UPDATE ON non_working_days
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id UNION SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER non_working_days_data_version_delete AFTER DELETE ON non_working_days
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT 0 AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
