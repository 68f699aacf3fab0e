CREATE TABLE `annual_base_declarations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employer_id` integer NOT NULL,
	`year_start` text NOT NULL,
	`declared_on` text NOT NULL,
	`lines` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `annual_base_declarations_year` ON `annual_base_declarations` (`employer_id`,`year_start`,`declared_on`);--> statement-breakpoint
CREATE TABLE `change_list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employer_id` integer NOT NULL,
	`period` text NOT NULL,
	`employee_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`submitted_on` text,
	`decided_on` text,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_list_entries_key` ON `change_list_entries` (`employer_id`,`period`,`employee_id`,`kind`);