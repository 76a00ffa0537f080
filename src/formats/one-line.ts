// Text made to fit on one line (a table cell, a comment): line breaks and the blanks around them become one space.

/**
 * What `text.replace(/\s*\n\s*\/g, " ")` does, in linear time: that regex backtracks quadratically on a long run of
 * blanks without a line break (a 100 KB property name took 12 s in the Markdown report).
 */
export function oneLine(text: string): string {
  if (!text.includes("\n")) return text;
  const pieces = text.split("\n");
  const kept: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = i === 0 ? pieces[i].trimEnd() : i === pieces.length - 1 ? pieces[i].trimStart() : pieces[i].trim();
    // A blank line between two breaks joins them into one space, as the regex's \s* does.
    if (piece !== "" || i === 0 || i === pieces.length - 1) kept.push(piece);
  }
  return kept.join(" ");
}
