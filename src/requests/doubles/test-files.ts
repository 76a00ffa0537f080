// Which files are tests: where test doubles are looked for first, and what `--no-tests` leaves out.

/** `*.test.*`, `*.spec.*`, and files under `__tests__/`, `__mocks__/`, `test/`, `tests/` (a path relative to the project). */
export function isTestFile(relativePath: string): boolean {
  const posix = relativePath.replace(/\\/g, "/");
  return /\.(test|spec)\.[cm]?[jt]sx?$/i.test(posix) || /(^|\/)(__tests__|__mocks__|tests?)\//.test(posix);
}
