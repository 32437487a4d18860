/** The directory attributes a CSV column can fill. Pure, so that the portal's upload form can use it too. */
export const CSV_FIELDS = ["email", "userName", "givenName", "familyName", "displayName", "department", "manager", "groups", "active", "externalId"] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Which header each field is read from; unmapped fields are found by their usual header names. */
export type CsvColumnMap = Partial<Record<CsvField, string>>;

// The headers exports from HR systems and identity providers use for each field, compared without case,
// spaces, dashes or underscores.
const HEADER_ALIASES: Record<CsvField, string[]> = {
  email: ["email", "emailaddress", "mail", "primaryemail", "workemail"],
  userName: ["username", "login", "userprincipalname", "upn"],
  givenName: ["givenname", "firstname", "first"],
  familyName: ["familyname", "lastname", "surname", "last"],
  displayName: ["displayname", "name", "fullname"],
  department: ["department", "dept"],
  manager: ["manager", "manageremail"],
  groups: ["groups", "group"],
  active: ["active", "status", "enabled"],
  externalId: ["externalid", "employeeid", "id"],
};

export function normaliseCsvHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]/g, "");
}

/** The header that holds `field` under one of its usual names, if any. */
export function guessCsvColumn(headers: string[], field: CsvField): string | undefined {
  return headers.find((h) => HEADER_ALIASES[field].includes(normaliseCsvHeader(h)));
}
