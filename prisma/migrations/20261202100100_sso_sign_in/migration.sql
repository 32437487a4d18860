-- SSO sign-in (issue 11): each attempt (the server-side record RelayState and the OIDC state point to, the
-- sign-in log, and the one-time code), assertion IDs seen, and the link from an IdP's stable subject to an account.

-- CreateEnum
CREATE TYPE "SignInStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "connectionId" TEXT,
    "protocol" "SsoProtocol",
    "test" BOOLEAN NOT NULL DEFAULT false,
    "status" "SignInStatus" NOT NULL DEFAULT 'pending',
    "redirectUri" TEXT,
    "state" TEXT,
    "codeChallenge" TEXT,
    "loginHint" TEXT,
    "samlRequestId" TEXT,
    "requestConsumedAt" TIMESTAMPTZ(3),
    "oidcState" TEXT,
    "oidcNonce" TEXT,
    "oidcCodeVerifier" TEXT,
    "errorCode" TEXT,
    "reason" TEXT,
    "subject" TEXT,
    "email" CITEXT,
    "profile" JSONB,
    "accountId" TEXT,
    "accountCreated" BOOLEAN NOT NULL DEFAULT false,
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMPTZ(3),
    "codeUsedAt" TIMESTAMPTZ(3),
    "sessionId" TEXT,
    "clientIp" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamlAssertionSeen" (
    "organizationId" TEXT NOT NULL,
    "assertionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamlAssertionSeen_pkey" PRIMARY KEY ("organizationId","assertionId")
);

-- CreateTable
CREATE TABLE "SsoIdentity" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectFormat" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMPTZ(3),

    CONSTRAINT "SsoIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignInAttempt_samlRequestId_key" ON "SignInAttempt"("samlRequestId");
CREATE UNIQUE INDEX "SignInAttempt_oidcState_key" ON "SignInAttempt"("oidcState");
CREATE UNIQUE INDEX "SignInAttempt_codeHash_key" ON "SignInAttempt"("codeHash");
CREATE INDEX "SignInAttempt_organizationId_id_idx" ON "SignInAttempt"("organizationId", "id");
CREATE INDEX "SignInAttempt_createdAt_idx" ON "SignInAttempt"("createdAt");
CREATE INDEX "SamlAssertionSeen_expiresAt_idx" ON "SamlAssertionSeen"("expiresAt");
CREATE UNIQUE INDEX "SsoIdentity_organizationId_issuer_subject_key" ON "SsoIdentity"("organizationId", "issuer", "subject");
CREATE INDEX "SsoIdentity_accountId_idx" ON "SsoIdentity"("accountId");

-- AddForeignKey
ALTER TABLE "SignInAttempt" ADD CONSTRAINT "SignInAttempt_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SamlAssertionSeen" ADD CONSTRAINT "SamlAssertionSeen_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoIdentity" ADD CONSTRAINT "SsoIdentity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoIdentity" ADD CONSTRAINT "SsoIdentity_accountId_organizationId_fkey" FOREIGN KEY ("accountId", "organizationId") REFERENCES "Account"("id", "organizationId") ON DELETE CASCADE ON UPDATE CASCADE;
