/** One row of an experiment export: a metric value of one participant in one arm. */
export interface Observation {
  participantId: string;
  arm: string;
  metric: string;
  value: number;
}

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvFormatError';
  }
}

const COLUMNS = ['participant_id', 'arm', 'metric', 'value'] as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses `participant_id,arm,metric,value` CSV text (RFC 4180: quoted fields with "" escapes
 * and embedded newlines, CRLF or LF, a UTF-8 BOM, blank lines skipped; the four columns in any
 * order, other columns ignored). Throws CsvFormatError naming the (1-based) line of the first bad
 * record, so a researcher can find it in an editor.
 */
export function parseObservationsCsv(text: string): Observation[] {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  if (records.length === 0) throw new CsvFormatError(1, `empty file; expected a header ${COLUMNS.join(',')}`);
  const [header, ...rows] = records;
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index = COLUMNS.map((c) => names.indexOf(c));
  const missing = COLUMNS.filter((_, i) => index[i] < 0);
  if (missing.length > 0) {
    throw new CsvFormatError(header.line, `header lacks ${missing.join(', ')} (expected ${COLUMNS.join(',')})`);
  }
  return rows.map(({ line, fields }) => {
    if (fields.length !== header.fields.length) {
      throw new CsvFormatError(line, `${fields.length} fields, the header has ${header.fields.length}`);
    }
    const [participantId, arm, metric, raw] = index.map((i) => fields[i].trim());
    for (const [name, v] of [['participant_id', participantId], ['arm', arm], ['metric', metric]]) {
      if (v === '') throw new CsvFormatError(line, `empty ${name}`);
    }
    if (!NUMBER.test(raw)) throw new CsvFormatError(line, `value ${JSON.stringify(raw)} is not a number`);
    return { participantId, arm, metric, value: Number(raw) };
  });
}

interface CsvRecord {
  line: number;
  fields: string[];
}

function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  const endRecord = () => {
    fields.push(field);
    // A blank (or all-space) line is no record; a line of only commas is one, with empty fields.
    if (!(fields.length === 1 && fields[0].trim() === '' && !wasQuoted)) records.push({ line: start, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field.trim() !== '') throw new CsvFormatError(line, 'quote inside an unquoted field');
      field = '';
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new CsvFormatError(start, 'unterminated quoted field');
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}
