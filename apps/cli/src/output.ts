/** `--json` commands print exactly one JSON object as their last line of stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printLines(lines: string[]): void {
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
}
