import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { ApiError } from "./api-response";

/** 100,000 users with a dozen columns each fit in about 30 MB; this leaves room for wide HR exports. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

/**
 * A text/csv request body as a Node stream, counted as it flows so that a body past `maxBytes` stops with
 * 413 without being held whole. The caller parses it as it streams.
 */
export function readCsvBody(req: Request, maxBytes = MAX_CSV_BYTES): Readable {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the file as CSV, with Content-Type: text/csv");
  }
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return Readable.from([]);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  const source = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  source.on("error", (err) => limit.destroy(err));
  return source.pipe(limit);
}

function tooLarge(maxBytes: number) {
  return new ApiError(413, "payload_too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it, or import it with the CLI in parts`);
}
