/** RFC 4180 CSV: a header from the first row's keys, fields quoted when they need it. */
export function toCsv(
  rows: readonly Record<string, string | number | boolean | null>[],
  columns: readonly string[],
): string {
  const field = (v: string | number | boolean | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c])).join(','))].join('\r\n') + '\r\n';
}
