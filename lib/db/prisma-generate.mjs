// Runs `prisma generate` offline. The Prisma CLI wants its native schema engine even though generation
// doesn't use it, and downloading it fails without internet: any existing file satisfies the check.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync("npx", ["prisma", "generate"], { stdio: ["ignore", "pipe", "pipe"], env });
if (result.status !== 0) {
  process.stderr.write(result.stdout.toString() + result.stderr.toString());
  process.stderr.write("prisma generate failed\n");
  process.exit(1);
}
