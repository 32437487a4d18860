// A fixed format and time zone keep the server's and the browser's output identical (no hydration mismatch)
// and tell staff in different countries the same thing.
const dateTime = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "short", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC", hour12: false });
const numbers = new Intl.NumberFormat("en-GB");

export function formatDateTime(value: Date | string | null | undefined, empty = "never"): string {
  if (value === null || value === undefined) return empty;
  return `${dateTime.format(new Date(value))} UTC`;
}

export function formatNumber(value: number): string {
  return numbers.format(value);
}

/** "3 of 120 (2.5%)", or "no requests" when there were none. */
export function formatErrorRate(errors: number, requests: number): string {
  if (requests === 0) return "no requests";
  const rate = (errors / requests) * 100;
  return `${rate < 0.1 && errors > 0 ? "<0.1" : rate.toFixed(rate < 10 && errors > 0 ? 1 : 0)}% failed (${numbers.format(errors)} of ${numbers.format(requests)})`;
}
