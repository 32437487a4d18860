-- Issue 12, item 1: an endpoint may reach private or loopback addresses only when the operator registered it
-- (a global API key). Global endpoints could only ever be made with a global key, so they keep that right;
-- existing organisation endpoints are held to public addresses from now on.
ALTER TABLE "WebhookEndpoint" ADD COLUMN "allowPrivateTargets" BOOLEAN NOT NULL DEFAULT false;
UPDATE "WebhookEndpoint" SET "allowPrivateTargets" = true WHERE "organizationId" IS NULL;
