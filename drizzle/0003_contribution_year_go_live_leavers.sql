ALTER TABLE `employers` ADD `tracking_from` text;--> statement-breakpoint
ALTER TABLE `policies` ADD `base_rule` text DEFAULT 'wage' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `base_year_start` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `insurance_bounds` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `change_cutoff_day` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `termination_reported_on` text;