import NextAuth from "next-auth";
import { staffAuthOptions } from "@/lib/staff/staff-auth-options";

// Staff sign-in for the admin console (next-auth 4). The options are built per request because they read the
// configuration and the secret key, which `next build` does not have.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, staffAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
