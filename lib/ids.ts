import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "org" | "dir" | "tok" | "usr" | "grp" | "key" | "acc" | "ses" | "evt" | "log" | "whk" | "dlv" | "stl" | "sso" | "stf" | "lnk" | "pss" | "aud" | "sts" | "rdu" | "sgn" | "sid" | "syn" | "gos";

/**
 * Public ids carry a type prefix (`dir_…`, `usr_…`) so that a pasted id says what it is. The body is a
 * ULID-style 26-character string: 48 bits of milliseconds, then 80 random bits, so new rows land at the
 * right edge of the primary-key index instead of scattering across it.
 */
export function newId(prefix: IdPrefix): string {
  const time = Date.now();
  const random = randomBytes(10);
  let out = "";
  let t = time;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32]! + out;
    t = Math.floor(t / 32);
  }
  // 80 random bits → 16 base32 characters, 5 bits at a time.
  let acc = 0;
  let bits = 0;
  for (const byte of random) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return `${prefix}_${out}`;
}
