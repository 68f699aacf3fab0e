-- Issue 16: the employer key on every employer-scoped table (docs/scale.md). wages and
-- registrations take the employer of their employee, statement_links and statement_responses
-- the employer of their statement, through composite foreign keys onto new unique keys
-- employees (employer_id, id) and statements (employer_id, id) (created first: a foreign key
-- needs its unique key). The columns are added nullable, filled, then made NOT NULL. The
-- primary keys of wages and registrations then lead with employer_id (the same uniqueness:
-- employee_id determines employer_id through the key).
-- mail_outbox gets a nullable employer_id (a staff account's password reset concerns no
-- employer), filled from the statement, else the user's employee.
-- The data-version triggers of wages and registrations now read the rows' own employer_id
-- (data_versions_by_employer_id, as the other employer-scoped tables); data_versions_by_employee
-- goes. The SQLite twin is drizzle/0010_employer_id_everywhere.sql.
CREATE UNIQUE INDEX "employees_employer_key" ON "employees" USING btree ("employer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_employer_key" ON "statements" USING btree ("employer_id","id");--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_employee_id_employees_id_fk";--> statement-breakpoint
ALTER TABLE "statement_links" DROP CONSTRAINT "statement_links_statement_id_statements_id_fk";--> statement-breakpoint
ALTER TABLE "statement_responses" DROP CONSTRAINT "statement_responses_statement_id_statements_id_fk";--> statement-breakpoint
ALTER TABLE "wages" DROP CONSTRAINT "wages_employee_id_employees_id_fk";--> statement-breakpoint
DROP TRIGGER "wages_data_version_insert" ON "wages";--> statement-breakpoint
DROP TRIGGER "wages_data_version_update" ON "wages";--> statement-breakpoint
DROP TRIGGER "wages_data_version_delete" ON "wages";--> statement-breakpoint
DROP TRIGGER "registrations_data_version_insert" ON "registrations";--> statement-breakpoint
DROP TRIGGER "registrations_data_version_update" ON "registrations";--> statement-breakpoint
DROP TRIGGER "registrations_data_version_delete" ON "registrations";--> statement-breakpoint
DROP FUNCTION data_versions_by_employee();--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "employer_id" integer;--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "employer_id" integer;--> statement-breakpoint
ALTER TABLE "statement_links" ADD COLUMN "employer_id" integer;--> statement-breakpoint
ALTER TABLE "statement_responses" ADD COLUMN "employer_id" integer;--> statement-breakpoint
ALTER TABLE "wages" ADD COLUMN "employer_id" integer;--> statement-breakpoint
UPDATE "wages" w SET "employer_id" = e."employer_id" FROM "employees" e WHERE e."id" = w."employee_id";--> statement-breakpoint
UPDATE "registrations" r SET "employer_id" = e."employer_id" FROM "employees" e WHERE e."id" = r."employee_id";--> statement-breakpoint
UPDATE "statement_links" l SET "employer_id" = s."employer_id" FROM "statements" s WHERE s."id" = l."statement_id";--> statement-breakpoint
UPDATE "statement_responses" r SET "employer_id" = s."employer_id" FROM "statements" s WHERE s."id" = r."statement_id";--> statement-breakpoint
UPDATE "mail_outbox" m SET "employer_id" = COALESCE(
  (SELECT s."employer_id" FROM "statements" s WHERE s."id" = m."statement_id"),
  (SELECT e."employer_id" FROM "users" u JOIN "employees" e ON e."id" = u."employee_id" WHERE u."id" = m."user_id")
);--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "employer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "employer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "statement_responses" ALTER COLUMN "employer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "wages" ALTER COLUMN "employer_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_pkey";--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_employer_id_employee_id_pk" PRIMARY KEY("employer_id","employee_id");--> statement-breakpoint
ALTER TABLE "wages" DROP CONSTRAINT "wages_employee_id_effective_month_pk";--> statement-breakpoint
ALTER TABLE "wages" ADD CONSTRAINT "wages_employer_id_employee_id_effective_month_pk" PRIMARY KEY("employer_id","employee_id","effective_month");--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_employee_fk" FOREIGN KEY ("employer_id","employee_id") REFERENCES "public"."employees"("employer_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "statement_links" ADD CONSTRAINT "statement_links_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_links" ADD CONSTRAINT "statement_links_statement_fk" FOREIGN KEY ("employer_id","statement_id") REFERENCES "public"."statements"("employer_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_responses" ADD CONSTRAINT "statement_responses_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_responses" ADD CONSTRAINT "statement_responses_statement_fk" FOREIGN KEY ("employer_id","statement_id") REFERENCES "public"."statements"("employer_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wages" ADD CONSTRAINT "wages_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wages" ADD CONSTRAINT "wages_employee_fk" FOREIGN KEY ("employer_id","employee_id") REFERENCES "public"."employees"("employer_id","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE TRIGGER wages_data_version_insert AFTER INSERT ON wages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER wages_data_version_update AFTER UPDATE ON wages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER wages_data_version_delete AFTER DELETE ON wages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_insert AFTER INSERT ON registrations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_update AFTER UPDATE ON registrations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
--> statement-breakpoint
CREATE TRIGGER registrations_data_version_delete AFTER DELETE ON registrations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_by_employer_id();
