ALTER TABLE "roles" ADD COLUMN "suspended_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
CREATE INDEX "memberships_org_suspended_idx" ON "memberships" USING btree ("organisation_id","created_at","id") WHERE "memberships"."suspended_at" is not null;--> statement-breakpoint
-- roles.suspended_count follows memberships as roles.member_count does (0004): the same
-- statement-level triggers, now counting suspended members too, so the Status filter's
-- totals never count the membership.
CREATE OR REPLACE FUNCTION "memberships_member_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  deltas int[];
  suspended int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(role_id), array_agg(n), array_agg(s) INTO ids, deltas, suspended
    FROM (
      SELECT role_id, count(*)::int AS n, count(suspended_at)::int AS s
      FROM new_rows GROUP BY role_id
    ) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(role_id), array_agg(n), array_agg(s) INTO ids, deltas, suspended
    FROM (
      SELECT role_id, -count(*)::int AS n, -count(suspended_at)::int AS s
      FROM old_rows GROUP BY role_id
    ) d;
  ELSE
    SELECT array_agg(role_id), array_agg(n), array_agg(s) INTO ids, deltas, suspended
    FROM (
      SELECT role_id, sum(n)::int AS n, sum(s)::int AS s
      FROM (
        SELECT role_id, 1 AS n, (suspended_at IS NOT NULL)::int AS s FROM new_rows
        UNION ALL
        SELECT role_id, -1, -(suspended_at IS NOT NULL)::int FROM old_rows
      ) x
      GROUP BY role_id HAVING sum(n) <> 0 OR sum(s) <> 0
    ) d;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM 1 FROM "roles" WHERE "id" = ANY(ids) ORDER BY "id" FOR NO KEY UPDATE;
    UPDATE "roles" r
    SET "member_count" = r."member_count" + d.n, "suspended_count" = r."suspended_count" + d.s
    FROM unnest(ids, deltas, suspended) AS d(id, n, s) WHERE r."id" = d.id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- The Admin role holds every permission of the catalog; its mirrored column gains the new one.
UPDATE "roles" SET "permissions" = array_append("permissions", 'users:suspend')
WHERE "key" = 'admin' AND NOT ('users:suspend' = ANY("permissions"));
