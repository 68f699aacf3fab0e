CREATE TABLE `employee_numbers` (
	`employee_no` text PRIMARY KEY NOT NULL,
	`employee_id` integer NOT NULL
);
--> statement-breakpoint
-- Every existing employee's number (unique until now by employees_employee_no_unique).
INSERT INTO `employee_numbers` (`employee_no`, `employee_id`) SELECT `employee_no`, `id` FROM `employees`;--> statement-breakpoint
DROP INDEX `employees_employee_no_unique`;--> statement-breakpoint
CREATE INDEX `employees_number` ON `employees` (`employee_no`);--> statement-breakpoint
DROP INDEX `statement_links_token_hash_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `statement_links_token_key` ON `statement_links` (`employer_id`,`token_hash`);--> statement-breakpoint
CREATE INDEX `statement_links_token` ON `statement_links` (`token_hash`);--> statement-breakpoint
DROP INDEX `statements_version`;--> statement-breakpoint
CREATE UNIQUE INDEX `statements_version` ON `statements` (`employer_id`,`employee_id`,`period`,`version`);