-- Issue 15, part 2: a token that staff rotate reaches the customer through a setup link, sealed until the
-- customer's admin reveals it once; then the sealed value is erased.
CREATE TABLE "ScimTokenDelivery" (
    "setupLinkId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "directoryId" TEXT NOT NULL,
    "scimTokenId" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "sealedToken" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revealedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScimTokenDelivery_pkey" PRIMARY KEY ("setupLinkId")
);

CREATE UNIQUE INDEX "ScimTokenDelivery_setupLinkId_organizationId_key" ON "ScimTokenDelivery"("setupLinkId", "organizationId");
CREATE INDEX "ScimTokenDelivery_organizationId_idx" ON "ScimTokenDelivery"("organizationId");
CREATE INDEX "ScimTokenDelivery_scimTokenId_idx" ON "ScimTokenDelivery"("scimTokenId");

ALTER TABLE "ScimTokenDelivery" ADD CONSTRAINT "ScimTokenDelivery_setupLinkId_organizationId_fkey" FOREIGN KEY ("setupLinkId", "organizationId") REFERENCES "SetupLink"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ScimTokenDelivery" ADD CONSTRAINT "ScimTokenDelivery_scimTokenId_fkey" FOREIGN KEY ("scimTokenId") REFERENCES "ScimToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
