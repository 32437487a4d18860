import { hash, verify } from "@node-rs/argon2";
import { DomainError } from "@/lib/domain-error";

/** NIST SP 800-63B asks for at least 8; staff passwords guard every tenant, so we ask for more. */
export const MIN_STAFF_PASSWORD_LENGTH = 12;
/** argon2 hashes anything, but a megabyte "password" is a denial-of-service attempt, not a password. */
const MAX_STAFF_PASSWORD_LENGTH = 256;

export function assertStaffPasswordAcceptable(password: string) {
  if (password.length < MIN_STAFF_PASSWORD_LENGTH) throw new DomainError("INVALID_INPUT", `The password must be at least ${MIN_STAFF_PASSWORD_LENGTH} characters long`, "password");
  if (password.length > MAX_STAFF_PASSWORD_LENGTH) throw new DomainError("INVALID_INPUT", `The password must be at most ${MAX_STAFF_PASSWORD_LENGTH} characters long`, "password");
}

/**
 * argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes, 1 lane): OWASP's recommended minimum. The
 * parameters are stored in the hash, so raising them later leaves existing hashes verifiable.
 */
export async function hashStaffPassword(password: string): Promise<string> {
  assertStaffPasswordAcceptable(password);
  return hash(password);
}

export async function verifyStaffPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > MAX_STAFF_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash fails closed, like a wrong password.
    return false;
  }
}

/**
 * Verifying against this when the email is unknown makes a miss take as long as a wrong password, so the
 * sign-in form's timing does not tell which staff emails exist.
 */
let decoyHash: Promise<string> | undefined;
export function staffPasswordDecoy(): Promise<string> {
  decoyHash ??= hash("decoy password that no one has");
  return decoyHash;
}
