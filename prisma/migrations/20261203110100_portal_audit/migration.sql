-- Issue 12, item 4: a setup link carries the authority of whoever issued it, and every change made through
-- the portal is audited with the link, its issuer and the client address.
ALTER TABLE "SetupLink" ADD COLUMN "issuerRole" "StaffRole";

-- Links issued in the console before this change: their issuer's role is read from the staff table now.
UPDATE "SetupLink" l SET "issuerRole" = s."role"
  FROM "StaffUser" s
 WHERE l."createdBy" = 'staff:' || s."email";

CREATE TABLE "PortalAuditEntry" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organizationId" TEXT NOT NULL,
    "organizationSlug" TEXT NOT NULL,
    "setupLinkId" TEXT NOT NULL,
    "setupLinkPrefix" TEXT NOT NULL,
    "setupLinkIssuedBy" TEXT NOT NULL,
    "portalSessionId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "detail" JSONB,
    "clientIp" TEXT,

    CONSTRAINT "PortalAuditEntry_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PortalAuditEntry_createdAt_idx" ON "PortalAuditEntry"("createdAt");
CREATE INDEX "PortalAuditEntry_organizationId_createdAt_idx" ON "PortalAuditEntry"("organizationId", "createdAt");
