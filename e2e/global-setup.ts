import { startApp } from "../lib/testing/start-app";

/**
 * Starts the production build, as `npm start` runs it, on a throwaway embedded PostgreSQL and free ports.
 * Specs reach it through ROLLCALL_E2E_URL; the CLI reaches its database through ROLLCALL_E2E_DATA_DIR.
 */
export default async function globalSetup() {
  // The connection-health check runs every 2 seconds instead of every minute, so specs see its events promptly.
  const app = await startApp({ HEALTH_CHECK_INTERVAL_SECONDS: "2" });
  process.env.ROLLCALL_E2E_URL = app.url;
  process.env.ROLLCALL_E2E_DATA_DIR = app.dataDir;
  return async () => {
    await app.stop();
  };
}
