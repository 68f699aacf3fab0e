-- Issue 16: the employer key on every employer-scoped table (docs/scale.md). wages and
-- registrations take the employer of their employee, statement_links and statement_responses
-- the employer of their statement, through composite foreign keys onto new unique keys
-- employees (employer_id, id) and statements (employer_id, id), created first: SQLite checks
-- the copied rows against them. The primary keys of wages and registrations lead with
-- employer_id (the same uniqueness: employee_id determines employer_id through the key).
-- mail_outbox gets a nullable employer_id (a staff account's password reset concerns no
-- employer), filled from the statement, else the user's employee.
-- Rebuilt tables lose their triggers with DROP TABLE: the data-version triggers of wages and
-- registrations are created again at the end, on the row's own employer_id (as the other
-- employer-scoped tables; the PostgreSQL twin is drizzle/pg/0004_employer_id_everywhere.sql).
-- PRAGMA foreign_keys is a no-op inside the migrator's transaction: the keys stay enforced.
CREATE UNIQUE INDEX `employees_employer_key` ON `employees` (`employer_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `statements_employer_key` ON `statements` (`employer_id`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_registrations` (
	`employee_id` integer NOT NULL,
	`applied_on` text,
	`registered_on` text,
	`termination_reported_on` text,
	`employer_id` integer NOT NULL,
	PRIMARY KEY(`employer_id`, `employee_id`),
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`,`employee_id`) REFERENCES `employees`(`employer_id`,`id`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_registrations`("employee_id", "applied_on", "registered_on", "termination_reported_on", "employer_id") SELECT r."employee_id", r."applied_on", r."registered_on", r."termination_reported_on", e."employer_id" FROM `registrations` r JOIN `employees` e ON e."id" = r."employee_id";--> statement-breakpoint
DROP TABLE `registrations`;--> statement-breakpoint
ALTER TABLE `__new_registrations` RENAME TO `registrations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_statement_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`statement_id` integer NOT NULL,
	`outbox_id` integer,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`grant_hash` text,
	`grant_expires_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`employer_id` integer NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `mail_outbox`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`,`statement_id`) REFERENCES `statements`(`employer_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_statement_links`("id", "token_hash", "statement_id", "outbox_id", "expires_at", "revoked_at", "grant_hash", "grant_expires_at", "created_at", "employer_id") SELECT l."id", l."token_hash", l."statement_id", l."outbox_id", l."expires_at", l."revoked_at", l."grant_hash", l."grant_expires_at", l."created_at", s."employer_id" FROM `statement_links` l JOIN `statements` s ON s."id" = l."statement_id";--> statement-breakpoint
DROP TABLE `statement_links`;--> statement-breakpoint
ALTER TABLE `__new_statement_links` RENAME TO `statement_links`;--> statement-breakpoint
CREATE UNIQUE INDEX `statement_links_token_hash_unique` ON `statement_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `statement_links_statement` ON `statement_links` (`statement_id`);--> statement-breakpoint
CREATE TABLE `__new_statement_responses` (
	`statement_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` text NOT NULL,
	`via` text NOT NULL,
	`dispute_state` text,
	`answer` text,
	`resolved_at` text,
	`resolved_by` text,
	`employer_id` integer NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`,`statement_id`) REFERENCES `statements`(`employer_id`,`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_statement_responses`("statement_id", "kind", "reason", "at", "via", "dispute_state", "answer", "resolved_at", "resolved_by", "employer_id") SELECT r."statement_id", r."kind", r."reason", r."at", r."via", r."dispute_state", r."answer", r."resolved_at", r."resolved_by", s."employer_id" FROM `statement_responses` r JOIN `statements` s ON s."id" = r."statement_id";--> statement-breakpoint
DROP TABLE `statement_responses`;--> statement-breakpoint
ALTER TABLE `__new_statement_responses` RENAME TO `statement_responses`;--> statement-breakpoint
CREATE TABLE `__new_wages` (
	`employee_id` integer NOT NULL,
	`effective_month` text NOT NULL,
	`monthly_wage` integer NOT NULL,
	`employer_id` integer NOT NULL,
	PRIMARY KEY(`employer_id`, `employee_id`, `effective_month`),
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`,`employee_id`) REFERENCES `employees`(`employer_id`,`id`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_wages`("employee_id", "effective_month", "monthly_wage", "employer_id") SELECT w."employee_id", w."effective_month", w."monthly_wage", e."employer_id" FROM `wages` w JOIN `employees` e ON e."id" = w."employee_id";--> statement-breakpoint
DROP TABLE `wages`;--> statement-breakpoint
ALTER TABLE `__new_wages` RENAME TO `wages`;--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `employer_id` integer REFERENCES employers(id);--> statement-breakpoint
UPDATE `mail_outbox` SET `employer_id` = COALESCE(
  (SELECT s.`employer_id` FROM `statements` s WHERE s.`id` = `mail_outbox`.`statement_id`),
  (SELECT e.`employer_id` FROM `users` u JOIN `employees` e ON e.`id` = u.`employee_id` WHERE u.`id` = `mail_outbox`.`user_id`)
);--> statement-breakpoint
CREATE TRIGGER wages_data_version_insert AFTER INSERT ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER wages_data_version_update AFTER UPDATE ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER wages_data_version_delete AFTER DELETE ON wages
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_insert AFTER INSERT ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_update AFTER UPDATE ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_delete AFTER DELETE ON registrations
BEGIN
  INSERT INTO data_versions (employer_id, version)
  SELECT employer_id, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET version = version + 1;
END;
