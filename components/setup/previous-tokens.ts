// The admin's own time zone, named, with the date: "keeps working until" must be unambiguous.
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

/** What happens to the older tokens after a new one is issued: until when each keeps working, or that none does. */
export function previousTokensSentence(previousTokens: { prefix: string; expiresAt: string }[], providerName: string, tokenField: string): string {
  return previousTokens.length > 0
    ? previousTokens.map((t) => `The previous token ${t.prefix}… keeps working until ${dateTimeFormat.format(new Date(t.expiresAt))}, then stops.`).join(" ")
    : `The previous token has stopped working: ${providerName} is refused until the new token is in its ${tokenField} field.`;
}
