"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui";
import { STAFF_SIGN_IN_PATH } from "@/lib/staff/sign-in-messages";

/** Signing out revokes the session row on the server (next-auth's signOut event), not just the cookie. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      loading={busy}
      onClick={async () => {
        setBusy(true);
        await signOut({ callbackUrl: STAFF_SIGN_IN_PATH });
      }}
    >
      Sign out
    </Button>
  );
}
