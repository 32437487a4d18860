import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` (and `prisma migrate deploy` on a connected machine):
// migrations are applied at start-up by lib/db/migrate.ts, which records them exactly as Prisma does.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/rollcall" },
});
