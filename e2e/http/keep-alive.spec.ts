// An idle keep-alive connection must outlive the client's own idle timeout (undici's is 4 s). With Node's
// default of 5 s, a request sent as the server closed the socket failed with "fetch failed: other side
// closed": specs failed that way whenever a slow CLI call left the connection idle for about 5 s.
import { connect } from "node:net";
import { appUrl, expect, test } from "../fixtures";

/** Sends `GET /api/health` on the socket and resolves with the status line, or rejects if the socket ends first. */
function requestOn(socket: ReturnType<typeof connect>, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.readyState !== "open") return reject(new Error("the server closed the idle connection"));
    const timer = setTimeout(() => reject(new Error("no answer within 10 s")), 10_000);
    let received = "";
    const onData = (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(received)?.[1];
      const complete = length !== undefined ? received.length >= end + 4 + Number(length) : received.endsWith("\r\n0\r\n\r\n");
      if (end >= 0 && complete) {
        socket.off("data", onData).off("close", onClose).off("error", onClose);
        clearTimeout(timer);
        resolve(received.split("\r\n")[0]!);
      }
    };
    const onClose = () => {
      clearTimeout(timer);
      reject(new Error("the server closed the idle connection"));
    };
    socket.on("data", onData).once("close", onClose).once("error", onClose);
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

test("an idle keep-alive connection still answers after 7 seconds", async () => {
  const url = new URL(appUrl());
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  try {
    expect(await requestOn(socket, url.host)).toBe("HTTP/1.1 200 OK");
    await new Promise((r) => setTimeout(r, 7_000));
    expect(await requestOn(socket, url.host)).toBe("HTTP/1.1 200 OK");
  } finally {
    socket.destroy();
  }
});
