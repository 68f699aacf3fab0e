CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text DEFAULT '' NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `collection_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`action_date` text NOT NULL,
	`periods` text NOT NULL,
	`time_limit` text,
	`due_on` text,
	`amount` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collection_actions_employer` ON `collection_actions` (`employer_id`,`action_date`);--> statement-breakpoint
CREATE TABLE `declaration_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employer_id` integer NOT NULL,
	`period` text NOT NULL,
	`employee_id` integer NOT NULL,
	`declared_base` integer NOT NULL,
	`declared_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `declaration_lines_key` ON `declaration_lines` (`employer_id`,`period`,`employee_id`,`declared_on`);--> statement-breakpoint
CREATE INDEX `declaration_lines_employee` ON `declaration_lines` (`employee_id`,`period`);--> statement-breakpoint
CREATE TABLE `employees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_no` text NOT NULL,
	`name` text NOT NULL,
	`id_type` text DEFAULT 'resident_id' NOT NULL,
	`id_number` text NOT NULL,
	`employer_id` integer NOT NULL,
	`hire_date` text NOT NULL,
	`termination_date` text,
	`department` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employees_employee_no_unique` ON `employees` (`employee_no`);--> statement-breakpoint
CREATE INDEX `employees_employer` ON `employees` (`employer_id`,`hire_date`);--> statement-breakpoint
CREATE INDEX `employees_name` ON `employees` (`name`);--> statement-breakpoint
CREATE TABLE `employers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`uscc` text NOT NULL,
	`region` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employers_code_unique` ON `employers` (`code`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `non_working_days` (
	`region` text NOT NULL,
	`date` text NOT NULL,
	PRIMARY KEY(`region`, `date`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employer_id` integer NOT NULL,
	`period` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount` integer NOT NULL,
	`reference` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_reference` ON `payments` (`employer_id`,`reference`);--> statement-breakpoint
CREATE INDEX `payments_period` ON `payments` (`employer_id`,`period`,`paid_on`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region` text NOT NULL,
	`effective_from` text NOT NULL,
	`base_floor` integer NOT NULL,
	`base_cap` integer NOT NULL,
	`rates` text NOT NULL,
	`rounding_unit` text DEFAULT 'fen' NOT NULL,
	`rounding_mode` text DEFAULT 'half_up' NOT NULL,
	`due_day` text NOT NULL,
	`due_month_offset` integer DEFAULT 0 NOT NULL,
	`late_fee_ppm_per_day` integer DEFAULT 500 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_region_from` ON `policies` (`region`,`effective_from`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`employee_id` integer PRIMARY KEY NOT NULL,
	`applied_on` text,
	`registered_on` text,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	`period` text NOT NULL,
	`version` integer NOT NULL,
	`issued_on` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL,
	`first_viewed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_version` ON `statements` (`employee_id`,`period`,`version`);--> statement-breakpoint
CREATE INDEX `statements_employer_period` ON `statements` (`employer_id`,`period`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`employee_id` integer,
	`password_hash` text NOT NULL,
	`locale` text,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `wages` (
	`employee_id` integer NOT NULL,
	`effective_month` text NOT NULL,
	`monthly_wage` integer NOT NULL,
	PRIMARY KEY(`employee_id`, `effective_month`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
