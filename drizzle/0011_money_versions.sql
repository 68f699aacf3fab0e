-- The money part of an evaluation (payments, collection actions) gets its own counter per
-- employer: a payment bumps money_version, not version, so the evaluation cache keeps the
-- employer's people-side evaluation (roster, wages, declarations, statements) and reads back
-- only its payments and collection actions (issue 16; app/models/evaluation.server.ts).
ALTER TABLE `data_versions` ADD `money_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
DROP TRIGGER payments_data_version_insert;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_insert AFTER INSERT ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
--> statement-breakpoint
DROP TRIGGER payments_data_version_update;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_update AFTER UPDATE ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
--> statement-breakpoint
DROP TRIGGER payments_data_version_delete;
--> statement-breakpoint
CREATE TRIGGER payments_data_version_delete AFTER DELETE ON payments
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_insert;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_insert AFTER INSERT ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_update;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_update AFTER UPDATE ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT OLD.employer_id AS employer_id UNION SELECT NEW.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
--> statement-breakpoint
DROP TRIGGER collection_actions_data_version_delete;
--> statement-breakpoint
CREATE TRIGGER collection_actions_data_version_delete AFTER DELETE ON collection_actions
BEGIN
  INSERT INTO data_versions (employer_id, version, money_version)
  SELECT employer_id, 0, 1 FROM (SELECT OLD.employer_id AS employer_id) WHERE employer_id IS NOT NULL
  ON CONFLICT (employer_id) DO UPDATE SET money_version = money_version + 1;
END;
