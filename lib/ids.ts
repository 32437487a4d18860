import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "org" | "dir" | "tok" | "usr" | "grp" | "key" | "acc" | "ses" | "evt" | "log" | "whk" | "dlv" | "stl" | "sso" | "stf" | "lnk" | "pss" | "aud" | "sts" | "rdu" | "sgn" | "sid" | "syn" | "gos";

/**
 * Random bytes are taken from a pool filled 4 KB at a time: a SCIM write makes up to five ids, and each call to
 * randomBytes in the production server goes through Next.js's instrumented crypto (issue 13: about 20 µs a call in a
 * CPU profile of the SCIM path, a 10-byte buffer each time). The bytes are the same cryptographic randomness.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_SIZE;

function randomTen(): Buffer {
  if (poolOffset + 10 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  poolOffset += 10;
  return pool.subarray(poolOffset - 10, poolOffset);
}

/**
 * Public ids carry a type prefix (`dir_…`, `usr_…`) so that a pasted id says what it is. The body is a
 * ULID-style 26-character string: 48 bits of milliseconds, then 80 random bits, so new rows land at the
 * right edge of the primary-key index instead of scattering across it.
 */
export function newId(prefix: IdPrefix): string {
  const time = Date.now();
  const random = randomTen();
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
