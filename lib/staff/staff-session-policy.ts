/**
 * A console session lasts one working day from sign-in, whatever the activity: the next-auth JWT and the
 * StaffSession row both end then, and the row (checked on every request) is what makes it final.
 */
export const STAFF_SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
