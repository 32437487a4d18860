/**
 * The first focusable element of every page header: keyboard and screen-reader users jump past the header and
 * navigation to `#main` (WCAG 2.4.1, bypass blocks). Hidden until focused.
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
    >
      Skip to content
    </a>
  );
}
