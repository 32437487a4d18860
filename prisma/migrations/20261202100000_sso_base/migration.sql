-- SSO base (issue 11): every signing certificate of the IdP's metadata, the IdP's SSO binding, the
-- IdP-initiated opt-in, and the operator's global allow-list of redirect URIs.

-- CreateEnum
CREATE TYPE "SamlBinding" AS ENUM ('redirect', 'post');

-- AlterTable: a certificate rollover lists two signing certificates; keeping only one broke sign-in.
ALTER TABLE "SsoConnection" ADD COLUMN "samlIdpCertificates" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "SsoConnection" ADD COLUMN "samlIdpSsoBinding" "SamlBinding";
ALTER TABLE "SsoConnection" ADD COLUMN "allowIdpInitiated" BOOLEAN NOT NULL DEFAULT false;

-- The one stored certificate becomes the first of the list. The binding was not stored before; the metadata
-- parser preferred HTTP-Redirect, which every IdP we support offers, so existing SAML rows get that.
UPDATE "SsoConnection" SET "samlIdpCertificates" = ARRAY["samlIdpCertificate"] WHERE "samlIdpCertificate" IS NOT NULL;
UPDATE "SsoConnection" SET "samlIdpSsoBinding" = 'redirect' WHERE "protocol" = 'saml';

ALTER TABLE "SsoConnection" DROP COLUMN "samlIdpCertificate";

-- CreateTable
CREATE TABLE "SsoRedirectUri" (
    "id" TEXT NOT NULL,
    "uri" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoRedirectUri_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoRedirectUri_uri_key" ON "SsoRedirectUri"("uri");
