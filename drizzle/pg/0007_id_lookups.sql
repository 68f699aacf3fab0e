CREATE INDEX "annual_base_declarations_id" ON "annual_base_declarations" USING btree ("id");--> statement-breakpoint
CREATE INDEX "change_list_entries_id" ON "change_list_entries" USING btree ("id");--> statement-breakpoint
CREATE INDEX "collection_actions_id" ON "collection_actions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "declaration_lines_id" ON "declaration_lines" USING btree ("id");--> statement-breakpoint
CREATE INDEX "employees_id" ON "employees" USING btree ("id");--> statement-breakpoint
CREATE INDEX "payments_id" ON "payments" USING btree ("id");--> statement-breakpoint
CREATE INDEX "statement_links_id" ON "statement_links" USING btree ("id");--> statement-breakpoint
CREATE INDEX "statement_responses_statement" ON "statement_responses" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "statements_id" ON "statements" USING btree ("id");