// A count with its noun, singular or plural as the count wants ("1 file", "2 files", "0 fixes").

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
