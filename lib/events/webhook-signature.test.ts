import { createHmac } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { generateWebhookSecret } from "./create-webhook-endpoint";
import { loadSecretKey, openSecret, sealSecret } from "./secret-box";
import { signWebhook } from "./sign-webhook";
import { verifyWebhookSignature } from "./verify-webhook-signature";

const secret = "whsec_test_secret";
const body = JSON.stringify({ id: "evt_1", type: "dsync.user.created", data: { name: "Ada" } });
const t = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

describe("signWebhook / verifyWebhookSignature", () => {
  it("signs HMAC-SHA256 of `<t>.<body>` as `t=<t>,v1=<hex>`", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
    expect(signWebhook(secret, Buffer.from(body), t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies its own signature, over a string or the raw bytes", () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature({ header, body, secret, now: at(t) })).toBe(true);
    expect(verifyWebhookSignature({ header, body: Buffer.from(body), secret, now: at(t + 10) })).toBe(true);
  });

  it.each([
    ["another secret", { secret: "whsec_other" }],
    ["a changed body", { body: body.replace("Ada", "Eve") }],
    ["re-serialised JSON", { body: JSON.stringify(JSON.parse(body), null, 2) }],
    ["a timestamp older than the tolerance", { now: at(t + 301) }],
    ["a timestamp from the future beyond the tolerance", { now: at(t - 301) }],
  ])("refuses %s", (_name, change) => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature({ header, body, secret, now: at(t), ...change })).toBe(false);
  });

  it("honours a custom tolerance", () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature({ header, body, secret, now: at(t + 100), toleranceSeconds: 60 })).toBe(false);
    expect(verifyWebhookSignature({ header, body, secret, now: at(t + 100), toleranceSeconds: 120 })).toBe(true);
  });

  it.each([undefined, null, "", "garbage", `t=${t}`, "v1=abc", `t=abc,v1=${"0".repeat(64)}`, `t=${t},v1=${"0".repeat(63)}`, `t=${t},v1=${"0".repeat(64)}`])(
    "refuses the malformed or wrong header %s",
    (header) => {
      expect(verifyWebhookSignature({ header, body, secret, now: at(t) })).toBe(false);
    },
  );

  it("accepts a header with several v1 values when one matches (a rotated secret)", () => {
    const good = signWebhook(secret, body, t).split(",v1=")[1];
    expect(verifyWebhookSignature({ header: `t=${t},v1=${"a".repeat(64)},v1=${good}`, body, secret, now: at(t) })).toBe(true);
  });
});

describe("secret box", () => {
  const key = Buffer.alloc(32, 7);

  it("round-trips a secret, and the stored form reveals nothing of it", () => {
    const plain = generateWebhookSecret();
    expect(plain).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const sealed = sealSecret(plain, "whk_1", key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(plain.slice(6));
    expect(sealSecret(plain, "whk_1", key)).not.toBe(sealed); // a fresh IV every time
    expect(openSecret(sealed, "whk_1", key)).toBe(plain);
  });

  it("refuses another key, another row's context, and any tampering", () => {
    const sealed = sealSecret("whsec_x", "whk_1", key);
    expect(() => openSecret(sealed, "whk_1", Buffer.alloc(32, 8))).toThrow(/cannot be decrypted/);
    expect(() => openSecret(sealed, "whk_2", key)).toThrow(/cannot be decrypted/);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[2]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => openSecret([parts[0], parts[1], flipped.toString("base64url"), parts[3]].join("."), "whk_1", key)).toThrow(/cannot be decrypted/);
    expect(() => openSecret("plain text", "whk_1", key)).toThrow(/Not a sealed secret/);
  });

  it("without SECRET_KEY, generates a key once into <DATA_DIR>/secret.key, readable by its owner only", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "rollcall-key-"));
    try {
      const first = loadSecretKey({ secretKey: undefined, dataDir: path.join(dataDir, "nested") });
      expect(first).toHaveLength(32);
      const file = path.join(dataDir, "nested", "secret.key");
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64url")).toEqual(first);
      // Another process (a restart, the worker beside the server) reads the same key.
      const sealed = sealSecret("whsec_y", "whk_1", first);
      expect(openSecret(sealed, "whk_1", loadSecretKey({ secretKey: undefined, dataDir: path.join(dataDir, "nested") }))).toBe("whsec_y");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("prefers SECRET_KEY, given as hex or base64, and refuses a wrong one without echoing it", () => {
    const hex = "ab".repeat(32);
    expect(parseConfig({ SECRET_KEY: hex }).secretKey).toEqual(Buffer.from(hex, "hex"));
    const b64 = Buffer.alloc(32, 9).toString("base64");
    expect(parseConfig({ SECRET_KEY: b64 }).secretKey).toEqual(Buffer.alloc(32, 9));
    expect(parseConfig({ SECRET_KEY: Buffer.alloc(32, 9).toString("base64url") }).secretKey).toEqual(Buffer.alloc(32, 9));
    expect(parseConfig({}).secretKey).toBeUndefined();
    expect(loadSecretKey({ secretKey: Buffer.alloc(32, 1), dataDir: "/nonexistent" })).toEqual(Buffer.alloc(32, 1));
    expect(() => parseConfig({ SECRET_KEY: "too-short-hunter2" })).toThrow(ConfigError);
    expect(() => parseConfig({ SECRET_KEY: "too-short-hunter2" })).toThrow(/^Configuration error: SECRET_KEY must be 32 bytes(?!.*hunter2)/);
  });
});
