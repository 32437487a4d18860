-- Issue 14: the portal's "Connect Google Workspace" step. The OAuth `state` it sends to Google is bound to one
-- portal session, used once and for ten minutes; only its SHA-256 is stored.
CREATE TABLE "GoogleOAuthState" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "portalSessionId" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "syncMode" "SyncMode" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GoogleOAuthState_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "GoogleOAuthState_stateHash_key" ON "GoogleOAuthState"("stateHash");
CREATE INDEX "GoogleOAuthState_organizationId_idx" ON "GoogleOAuthState"("organizationId");
CREATE INDEX "GoogleOAuthState_portalSessionId_idx" ON "GoogleOAuthState"("portalSessionId");

ALTER TABLE "GoogleOAuthState" ADD CONSTRAINT "GoogleOAuthState_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "GoogleOAuthState" ADD CONSTRAINT "GoogleOAuthState_portalSessionId_fkey" FOREIGN KEY ("portalSessionId") REFERENCES "PortalSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
