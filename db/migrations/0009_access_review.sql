ALTER TABLE "memberships" ADD COLUMN "last_active_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bintu_tokens" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "memberships_org_last_active_idx" ON "memberships" USING btree ("organisation_id",coalesce("last_active_at", '-infinity'::timestamptz),"id") WHERE "memberships"."suspended_at" is null;--> statement-breakpoint
CREATE INDEX "bintu_tokens_expires_idx" ON "bintu_tokens" USING btree ("expires_at");