-- Issue 16: the schema placed on a cluster that shards by employer (Citus) as
-- db/distribution.ts says, without change (docs/scale.md; checked against Citus's
-- rules by tests/integration/citus-rules.test.ts). Written by hand from
-- drizzle-kit's diff (which cannot name the primary keys it drops, nor move an
-- identity column's counter to a sequence).
--
-- 1. Employee numbers stay unique per installation (SPEC §2) in a table of
--    their own: a unique index on employees could not contain employer_id.

CREATE TABLE "employee_numbers" (
	"employee_no" text PRIMARY KEY NOT NULL,
	"employee_id" bigint NOT NULL
);--> statement-breakpoint
INSERT INTO "employee_numbers" ("employee_no", "employee_id") SELECT "employee_no", "id" FROM "employees";--> statement-breakpoint
ALTER TABLE "employees" DROP CONSTRAINT "employees_employee_no_unique";--> statement-breakpoint
-- 2. Foreign keys Citus refuses: a reference table's to a distributed one, one
--    between distributed tables without employer_id, ON UPDATE CASCADE on it.

ALTER TABLE "change_list_entries" DROP CONSTRAINT "change_list_entries_employee_id_employees_id_fk";--> statement-breakpoint
ALTER TABLE "declaration_lines" DROP CONSTRAINT "declaration_lines_employee_id_employees_id_fk";--> statement-breakpoint
ALTER TABLE "statements" DROP CONSTRAINT "statements_employee_id_employees_id_fk";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_employee_id_employees_id_fk";--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_statement_id_statements_id_fk";--> statement-breakpoint
ALTER TABLE "wages" DROP CONSTRAINT "wages_employee_fk";--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_employee_fk";--> statement-breakpoint
-- 3. Ids: bigint with a sequence (no identity columns), every column holding one bigint.

ALTER TABLE "employers" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "employers" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "employers_id_seq" OWNED BY "employers"."id";--> statement-breakpoint
SELECT setval('"employers_id_seq"', COALESCE((SELECT max("id") FROM "employers"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "employers" ALTER COLUMN "id" SET DEFAULT nextval('"employers_id_seq"');--> statement-breakpoint
ALTER TABLE "policies" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "policies" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "policies_id_seq" OWNED BY "policies"."id";--> statement-breakpoint
SELECT setval('"policies_id_seq"', COALESCE((SELECT max("id") FROM "policies"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "policies" ALTER COLUMN "id" SET DEFAULT nextval('"policies_id_seq"');--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "users_id_seq" OWNED BY "users"."id";--> statement-breakpoint
SELECT setval('"users_id_seq"', COALESCE((SELECT max("id") FROM "users"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "id" SET DEFAULT nextval('"users_id_seq"');--> statement-breakpoint
ALTER TABLE "login_attempts" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "login_attempts" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "login_attempts_id_seq" OWNED BY "login_attempts"."id";--> statement-breakpoint
SELECT setval('"login_attempts_id_seq"', COALESCE((SELECT max("id") FROM "login_attempts"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "login_attempts" ALTER COLUMN "id" SET DEFAULT nextval('"login_attempts_id_seq"');--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "audit_log_id_seq" OWNED BY "audit_log"."id";--> statement-breakpoint
SELECT setval('"audit_log_id_seq"', COALESCE((SELECT max("id") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DEFAULT nextval('"audit_log_id_seq"');--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "mail_outbox_id_seq" OWNED BY "mail_outbox"."id";--> statement-breakpoint
SELECT setval('"mail_outbox_id_seq"', COALESCE((SELECT max("id") FROM "mail_outbox"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "id" SET DEFAULT nextval('"mail_outbox_id_seq"');--> statement-breakpoint
ALTER TABLE "password_tokens" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "password_tokens" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "password_tokens_id_seq" OWNED BY "password_tokens"."id";--> statement-breakpoint
SELECT setval('"password_tokens_id_seq"', COALESCE((SELECT max("id") FROM "password_tokens"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "password_tokens" ALTER COLUMN "id" SET DEFAULT nextval('"password_tokens_id_seq"');--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "employees_id_seq" OWNED BY "employees"."id";--> statement-breakpoint
SELECT setval('"employees_id_seq"', COALESCE((SELECT max("id") FROM "employees"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "id" SET DEFAULT nextval('"employees_id_seq"');--> statement-breakpoint
ALTER TABLE "declaration_lines" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "declaration_lines" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "declaration_lines_id_seq" OWNED BY "declaration_lines"."id";--> statement-breakpoint
SELECT setval('"declaration_lines_id_seq"', COALESCE((SELECT max("id") FROM "declaration_lines"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "declaration_lines" ALTER COLUMN "id" SET DEFAULT nextval('"declaration_lines_id_seq"');--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "payments_id_seq" OWNED BY "payments"."id";--> statement-breakpoint
SELECT setval('"payments_id_seq"', COALESCE((SELECT max("id") FROM "payments"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "id" SET DEFAULT nextval('"payments_id_seq"');--> statement-breakpoint
ALTER TABLE "collection_actions" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "collection_actions" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "collection_actions_id_seq" OWNED BY "collection_actions"."id";--> statement-breakpoint
SELECT setval('"collection_actions_id_seq"', COALESCE((SELECT max("id") FROM "collection_actions"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "collection_actions" ALTER COLUMN "id" SET DEFAULT nextval('"collection_actions_id_seq"');--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "statements_id_seq" OWNED BY "statements"."id";--> statement-breakpoint
SELECT setval('"statements_id_seq"', COALESCE((SELECT max("id") FROM "statements"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "id" SET DEFAULT nextval('"statements_id_seq"');--> statement-breakpoint
ALTER TABLE "annual_base_declarations" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "annual_base_declarations" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "annual_base_declarations_id_seq" OWNED BY "annual_base_declarations"."id";--> statement-breakpoint
SELECT setval('"annual_base_declarations_id_seq"', COALESCE((SELECT max("id") FROM "annual_base_declarations"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "annual_base_declarations" ALTER COLUMN "id" SET DEFAULT nextval('"annual_base_declarations_id_seq"');--> statement-breakpoint
ALTER TABLE "change_list_entries" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "change_list_entries" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "change_list_entries_id_seq" OWNED BY "change_list_entries"."id";--> statement-breakpoint
SELECT setval('"change_list_entries_id_seq"', COALESCE((SELECT max("id") FROM "change_list_entries"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "change_list_entries" ALTER COLUMN "id" SET DEFAULT nextval('"change_list_entries_id_seq"');--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "id" SET DATA TYPE bigint;--> statement-breakpoint
CREATE SEQUENCE "statement_links_id_seq" OWNED BY "statement_links"."id";--> statement-breakpoint
SELECT setval('"statement_links_id_seq"', COALESCE((SELECT max("id") FROM "statement_links"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "id" SET DEFAULT nextval('"statement_links_id_seq"');--> statement-breakpoint
ALTER TABLE "annual_base_declarations" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "user_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "change_list_entries" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "change_list_entries" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "collection_actions" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "data_versions" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "declaration_lines" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "declaration_lines" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "employees" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "statement_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "user_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "password_tokens" ALTER COLUMN "user_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "password_tokens" ALTER COLUMN "outbox_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payments" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "user_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "statement_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "outbox_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statement_links" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statement_responses" ALTER COLUMN "statement_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statement_responses" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "user_employers" ALTER COLUMN "user_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "user_employers" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "wages" ALTER COLUMN "employee_id" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "wages" ALTER COLUMN "employer_id" SET DATA TYPE bigint;--> statement-breakpoint
-- 4. A distributed table's keys contain employer_id.

ALTER TABLE "employees" DROP CONSTRAINT "employees_pkey";--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "declaration_lines" DROP CONSTRAINT "declaration_lines_pkey";--> statement-breakpoint
ALTER TABLE "declaration_lines" ADD CONSTRAINT "declaration_lines_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_pkey";--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "collection_actions" DROP CONSTRAINT "collection_actions_pkey";--> statement-breakpoint
ALTER TABLE "collection_actions" ADD CONSTRAINT "collection_actions_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "statements" DROP CONSTRAINT "statements_pkey";--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "annual_base_declarations" DROP CONSTRAINT "annual_base_declarations_pkey";--> statement-breakpoint
ALTER TABLE "annual_base_declarations" ADD CONSTRAINT "annual_base_declarations_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "change_list_entries" DROP CONSTRAINT "change_list_entries_pkey";--> statement-breakpoint
ALTER TABLE "change_list_entries" ADD CONSTRAINT "change_list_entries_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "statement_links" DROP CONSTRAINT "statement_links_pkey";--> statement-breakpoint
ALTER TABLE "statement_links" ADD CONSTRAINT "statement_links_pk" PRIMARY KEY("employer_id","id");--> statement-breakpoint
ALTER TABLE "statement_responses" DROP CONSTRAINT "statement_responses_pkey";--> statement-breakpoint
ALTER TABLE "statement_responses" ADD CONSTRAINT "statement_responses_pk" PRIMARY KEY("employer_id","statement_id");--> statement-breakpoint
ALTER TABLE "statement_links" DROP CONSTRAINT "statement_links_token_hash_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "statement_links_token_key" ON "statement_links" USING btree ("employer_id","token_hash");--> statement-breakpoint
CREATE INDEX "statement_links_token" ON "statement_links" USING btree ("token_hash");--> statement-breakpoint
DROP INDEX "statements_version";--> statement-breakpoint
CREATE UNIQUE INDEX "statements_version" ON "statements" USING btree ("employer_id","employee_id","period","version");--> statement-breakpoint
CREATE INDEX "employees_number" ON "employees" USING btree ("employee_no");--> statement-breakpoint
-- 5. Wages and registrations follow their employee by the models' delete and insert (a row never changes shard).

ALTER TABLE "registrations" ADD CONSTRAINT "registrations_employee_fk" FOREIGN KEY ("employer_id","employee_id") REFERENCES "public"."employees"("employer_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wages" ADD CONSTRAINT "wages_employee_fk" FOREIGN KEY ("employer_id","employee_id") REFERENCES "public"."employees"("employer_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- 6. The data-version triggers' functions take the employer ids as bigint.
DROP FUNCTION data_versions_bump(integer[]);--> statement-breakpoint
CREATE FUNCTION data_versions_bump(employer_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_versions AS d (employer_id, version)
  SELECT DISTINCT e, 1 FROM unnest(employer_ids) AS e WHERE e IS NOT NULL ORDER BY e
  ON CONFLICT (employer_id) DO UPDATE SET version = d.version + 1
$$;
--> statement-breakpoint
DROP FUNCTION data_versions_bump_money(integer[]);--> statement-breakpoint
CREATE FUNCTION data_versions_bump_money(employer_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_versions AS d (employer_id, version, money_version)
  SELECT DISTINCT e, 0, 1 FROM unnest(employer_ids) AS e WHERE e IS NOT NULL ORDER BY e
  ON CONFLICT (employer_id) DO UPDATE SET money_version = d.money_version + 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION data_versions_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF EXISTS (SELECT 1 FROM new_rows) THEN PERFORM data_versions_bump(ARRAY[0::bigint]); END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM old_rows) THEN PERFORM data_versions_bump(ARRAY[0::bigint]); END IF;
  END IF;
  RETURN NULL;
END
$$;
