/** The grace periods the console offers: the old token keeps working this long, so the IdP can be updated without an outage. */
export const ROTATION_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
