CREATE TABLE `user_employers` (
	`user_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `employer_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE cascade
);
