"use client";

import { Alert, Button } from "@/components/ui";

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert tone="danger" title="This page could not be loaded" actions={<Button variant="secondary" size="sm" onClick={reset}>Try again</Button>}>
      Something went wrong on our side while reading the data. Nothing was changed. Try again; if it keeps happening, the server log has the details.
    </Alert>
  );
}
