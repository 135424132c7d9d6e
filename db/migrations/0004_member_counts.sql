DROP INDEX "memberships_org_email_idx";--> statement-breakpoint
ALTER TABLE "roles" ADD COLUMN "member_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_org_email_idx" ON "memberships" USING btree ("organisation_id","email","id");--> statement-breakpoint
-- roles.member_count follows memberships in the same transaction as every change
-- (docs/performance.md, "Counts"). Statement-level triggers with transition tables: a bulk
-- insert of 100,000 members updates each of its roles once. Role rows are locked in id
-- order first, so two statements touching the same roles cannot deadlock.
CREATE FUNCTION "memberships_member_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  deltas int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(role_id), array_agg(n) INTO ids, deltas
    FROM (SELECT role_id, count(*)::int AS n FROM new_rows GROUP BY role_id) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(role_id), array_agg(n) INTO ids, deltas
    FROM (SELECT role_id, -count(*)::int AS n FROM old_rows GROUP BY role_id) d;
  ELSE
    SELECT array_agg(role_id), array_agg(n) INTO ids, deltas
    FROM (
      SELECT role_id, sum(n)::int AS n
      FROM (SELECT role_id, 1 AS n FROM new_rows UNION ALL SELECT role_id, -1 FROM old_rows) x
      GROUP BY role_id HAVING sum(n) <> 0
    ) d;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM 1 FROM "roles" WHERE "id" = ANY(ids) ORDER BY "id" FOR NO KEY UPDATE;
    UPDATE "roles" r SET "member_count" = r."member_count" + d.n
    FROM unnest(ids, deltas) AS d(id, n) WHERE r."id" = d.id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "memberships_counts_insert" AFTER INSERT ON "memberships"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "memberships_member_counts"();--> statement-breakpoint
CREATE TRIGGER "memberships_counts_update" AFTER UPDATE ON "memberships"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "memberships_member_counts"();--> statement-breakpoint
CREATE TRIGGER "memberships_counts_delete" AFTER DELETE ON "memberships"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "memberships_member_counts"();--> statement-breakpoint
UPDATE "roles" r SET "member_count" = (SELECT count(*) FROM "memberships" m WHERE m."role_id" = r."id");
