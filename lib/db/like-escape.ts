/** `%` and `_` typed into a search box are characters to find, not wildcards (LIKE's default escape is `\`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
