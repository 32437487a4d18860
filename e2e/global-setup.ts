import { startApp } from "../lib/testing/start-app";
import { startSsoHostApp } from "../lib/testing/sso-host-app";
import { dsyncJsonAt } from "./support/cli";

/**
 * Starts the production build, as `npm start` runs it, on a throwaway embedded PostgreSQL and free ports.
 * Specs reach it through ROLLCALL_E2E_URL; the CLI reaches its database through ROLLCALL_E2E_DATA_DIR.
 * Beside it runs the loopback host product of the SSO specs (ROLLCALL_E2E_HOST_URL): its callback is on the
 * redirect-URI allow-list and its /login is the login-initiation URL, both from the environment, as an
 * operator configures them. It exchanges codes with a global API key, as a host product does.
 */
export default async function globalSetup() {
  const host = await startSsoHostApp();
  // The connection-health check runs every 2 seconds instead of every minute, so specs see its events promptly.
  // SCIM_STATEMENT_TIMEOUT_MS: the 10,000-member group PATCH of e2e/scim/concurrency.spec.ts ran past 30 s in one
  // statement late in a full CI run (a known open problem, written in the README); the shared app gives it room
  // so that the spec keeps proving the result. The production default stays 30 s.
  const app = await startApp({ HEALTH_CHECK_INTERVAL_SECONDS: "2", SSO_REDIRECT_URIS: host.callbackUrl, SSO_INITIATE_LOGIN_URI: host.loginUrl, SUPPORT_CONTACT: "support@rollcall-operator.example", SCIM_STATEMENT_TIMEOUT_MS: "180000" }).catch(async (err: unknown) => {
    await host.close();
    throw err;
  });
  process.env.ROLLCALL_E2E_URL = app.url;
  process.env.ROLLCALL_E2E_DATA_DIR = app.dataDir;
  process.env.ROLLCALL_E2E_HOST_URL = host.url;
  try {
    const { key } = dsyncJsonAt<{ key: string }>(app, undefined, "key", "create", "--name", "e2e loopback host app");
    host.configure({ rollcallUrl: app.url, apiKey: key });
  } catch (err) {
    await app.stop();
    await host.close();
    throw err;
  }
  return async () => {
    await app.stop();
    await host.close();
  };
}
