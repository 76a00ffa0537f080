// Option parsers the commands share.

/** A repeatable, comma-separated list option (`--rule a --rule b,c`), for commander. */
export const collect = (value: string, previous: string[]) => [
  ...previous,
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];
