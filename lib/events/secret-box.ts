import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

/**
 * Encryption of stored secrets (webhook signing secrets) with AES-256-GCM. Signing needs the secret in
 * clear, so it cannot be hashed; GCM both hides it and detects tampering. The key is SECRET_KEY, or 32
 * random bytes generated once into <DATA_DIR>/secret.key so that a restart can still decrypt.
 *
 * A sealed value is "v1.<iv>.<ciphertext>.<tag>" in base64url. The caller passes `context` (the row's id)
 * as additional authenticated data, so that a ciphertext copied into another row does not decrypt there.
 */
const VERSION = "v1";
const KEY_FILE = "secret.key";

let cachedKey: { source: string; key: Buffer } | undefined;

/** The process's key: SECRET_KEY, else <dataDir>/secret.key (created on first use, mode 600). */
export function loadSecretKey(cfg: { secretKey: Buffer | undefined; dataDir: string } = config()): Buffer {
  if (cfg.secretKey) return cfg.secretKey;
  const file = path.join(cfg.dataDir, KEY_FILE);
  if (cachedKey?.source === file) return cachedKey.key;
  const key = readOrCreateKeyFile(file);
  cachedKey = { source: file, key };
  return key;
}

function readOrCreateKeyFile(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if the server and the worker start together, one of them creates the file and the other reads it.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key; restore it from a backup or set SECRET_KEY`);
  return key;
}

export function sealSecret(plaintext: string, context: string, key: Buffer = loadSecretKey()): string {
  // A 96-bit random IV, as NIST SP 800-38D recommends for GCM; never reused with the same key in practice.
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws when the value was not sealed with this key and context, or was altered. */
export function openSecret(sealed: string, context: string, key: Buffer = loadSecretKey()): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("Not a sealed secret");
  const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== 12 || tag.length !== 16) throw new Error("Not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("The secret cannot be decrypted: SECRET_KEY or <DATA_DIR>/secret.key is not the key it was stored with");
  }
}
