import http from "node:http";
import type { AddressInfo } from "node:net";

export type TestHttpServer = { url: string; close: () => Promise<void> };

/**
 * A real HTTP server on a loopback port, for tests of code that fetches URLs (an identity provider's
 * metadata or discovery document). `close` also drops connections a handler left hanging on purpose.
 */
export async function startTestHttpServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, baseUrl: string) => void): Promise<TestHttpServer> {
  let baseUrl = "";
  const server = http.createServer((req, res) => handler(req, res, baseUrl));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
