-- Issue 15, part 3: expired, revoked and unknown setup links name whom to contact. An organisation may name
-- its own contact (its IT helpdesk); the operator's SUPPORT_CONTACT stands in when it has none.
ALTER TABLE "Organization" ADD COLUMN "supportContact" TEXT;
