import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "bench-results/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Playwright fixtures receive a callback named `use`; it is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // lib/scim is pure protocol code (RFC 7643/7644): no framework, no database (STYLE.md rule 4).
    files: ["lib/scim/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "@prisma/*", "@/lib/db", "@/lib/db/*", "@/lib/directory/*", "pg"] }],
    },
  },
]);
