-- The SQLite twin is drizzle/0011_money_versions.sql: payments and collection actions bump
-- money_version instead of version (issue 16; app/models/evaluation.server.ts).
ALTER TABLE "data_versions" ADD COLUMN "money_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION data_versions_bump_money(employer_ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_versions AS d (employer_id, version, money_version)
  SELECT DISTINCT e, 0, 1 FROM unnest(employer_ids) AS e WHERE e IS NOT NULL ORDER BY e
  ON CONFLICT (employer_id) DO UPDATE SET money_version = d.money_version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION data_versions_money_by_employer_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM data_versions_bump_money(ARRAY(SELECT employer_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM data_versions_bump_money(ARRAY(SELECT employer_id FROM old_rows UNION SELECT employer_id FROM new_rows));
  ELSE
    PERFORM data_versions_bump_money(ARRAY(SELECT employer_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER payments_data_version_insert ON payments;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
--> statement-breakpoint
DROP TRIGGER payments_data_version_update ON payments;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_update AFTER UPDATE ON payments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
--> statement-breakpoint
DROP TRIGGER payments_data_version_delete ON payments;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_delete AFTER DELETE ON payments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_insert ON collection_actions;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_insert AFTER INSERT ON collection_actions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_update ON collection_actions;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_update AFTER UPDATE ON collection_actions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_delete ON collection_actions;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_delete AFTER DELETE ON collection_actions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION data_versions_money_by_employer_id();
