CREATE TABLE `data_versions` (
	`employer_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
