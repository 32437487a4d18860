import { existsSync } from "node:fs";
import { readFile, readlink, realpath, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

type Credentials = { user: string; password: string };

/** What the process that postmaster.pid names turned out to be. */
type Holder = "gone" | "this cluster's postmaster" | "something else" | "unknown";

/**
 * The URL of the embedded PostgreSQL that already serves `<dataDir>/postgres` (`npm start`'s, when the CLI or
 * the worker runs beside it), or undefined when none does and one may be started.
 *
 * postmaster.pid outlives a crash, and the pid it names may by now be a zombie (a killed postmaster that its
 * parent has not reaped: on a machine whose init does not reap orphans, forever), or, after a reboot, any
 * other process. PostgreSQL itself only asks whether that pid exists and then refuses to start ("lock file
 * already exists"). So this checks that the process really is a postmaster working in this data directory
 * (its /proc entry: not a zombie, its working directory the cluster's), and asks the server on the port the
 * file names which data directory it serves. A lock file that names anything else is stale: it is removed, so
 * that a new server can start. One that names this cluster's live postmaster is never removed.
 */
export async function findRunningEmbeddedPostgres(
  dataDir: string,
  { waitMs = 30_000, log }: { waitMs?: number; log?: (line: string) => void } = {},
): Promise<string | undefined> {
  const clusterDir = path.join(dataDir, "postgres");
  const pidFile = path.join(clusterDir, "postmaster.pid");
  const credentialsFile = path.join(dataDir, "postgres.json");
  if (!existsSync(pidFile) || !existsSync(credentialsFile)) return undefined;
  // postmaster.pid: line 1 is the PID, line 4 the port (PostgreSQL's documented layout).
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const { user, password } = JSON.parse(await readFile(credentialsFile, "utf8")) as Credentials;
  const base = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const url = `${base}/rollcall`;
  const clusterPath = await realpath(clusterDir);

  const holder = pid > 0 ? await describeProcess(pid, clusterPath) : "gone";
  if (holder === "gone") return undefined; // PostgreSQL removes a lock file whose pid does not exist by itself.
  if (holder === "something else") {
    log?.(`postmaster.pid names process ${pid}, which is not this data directory's PostgreSQL (a crash left it behind); removing it`);
    await rm(pidFile, { force: true });
    return undefined;
  }
  // This cluster's postmaster (or one this process may not inspect): it may still be starting or replaying its
  // log after a crash, so give it time to answer before concluding anything.
  const deadline = Date.now() + (port > 0 ? waitMs : 0);
  for (;;) {
    const served = port > 0 ? await dataDirectoryServedAt(`${base}/postgres`) : undefined;
    if (served !== undefined && (await realpath(served).catch(() => served)) === clusterPath) return url;
    if (holder === "unknown" && served !== undefined) break; // a server of another cluster on that port
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (holder === "this cluster's postmaster") {
    throw new Error(`PostgreSQL (process ${pid}) runs in ${clusterDir} but does not answer on port ${port}; stop it, or wait until it has finished starting`);
  }
  // A live process that could not be inspected, and no server of this cluster answers where the file says.
  log?.(`postmaster.pid names process ${pid}, but no server of this data directory answers on port ${port}; removing it`);
  await rm(pidFile, { force: true });
  return undefined;
}

async function describeProcess(pid: number, clusterPath: string): Promise<Holder> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    if (existsSync("/proc/self/stat")) return "gone";
    return isAlive(pid) ? "unknown" : "gone"; // no /proc (not Linux): only the connection can tell
  }
  // "pid (comm) state …": comm may hold spaces and parentheses, so read the state after the last ")".
  const state = stat.slice(stat.lastIndexOf(")") + 2)[0];
  if (state === "Z" || state === "X") return "something else"; // a dead postmaster not yet reaped
  // The postmaster works in its data directory (PostgreSQL's ChangeToDataDir), and so do its children.
  const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  if (cwd !== undefined) return cwd === clusterPath ? "this cluster's postmaster" : "something else";
  return "unknown";
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The data directory of the server at `url`, or undefined when none answers there with these credentials. */
async function dataDirectoryServedAt(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {}); // a server that dies meanwhile fails the query below instead
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    return rows[0]?.data_directory;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}
