/** Keys whose values never reach the sync log: Okta sends a placeholder `password` on every create and PUT. */
const SECRET_KEY = /pass(word)?|secret|token|credential|private[_-]?key/i;

export const REDACTED = "[REDACTED]";

/** A deep copy of a request body with every secret-looking value replaced, for the sync log. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(item)]),
    );
  }
  return value;
}

/** PATCH operations name the attribute in `path`: `{"op":"replace","path":"password","value":"…"}`. */
export function redactPatchBody(body: unknown): unknown {
  const redacted = redactSecrets(body);
  if (redacted === null || typeof redacted !== "object" || !Array.isArray((redacted as { Operations?: unknown }).Operations)) return redacted;
  const operations = (redacted as { Operations: unknown[] }).Operations.map((op) => {
    if (op !== null && typeof op === "object" && typeof (op as { path?: unknown }).path === "string" && SECRET_KEY.test((op as { path: string }).path)) {
      return { ...op, value: REDACTED };
    }
    return op;
  });
  return { ...redacted, Operations: operations };
}
