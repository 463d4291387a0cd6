import { CsvFormatError, parseObservationsCsv } from './observations-csv';

const errorOf = (text: string): CsvFormatError => {
  try {
    parseObservationsCsv(text);
  } catch (e) {
    return e as CsvFormatError;
  }
  throw new Error('parsed without error');
};

describe('observations CSV', () => {
  it('reads the plain format', () => {
    expect(parseObservationsCsv('participant_id,arm,metric,value\np1,a,rating,4\np2,b,rating,-0.5e1\n')).toEqual([
      { participantId: 'p1', arm: 'a', metric: 'rating', value: 4 },
      { participantId: 'p2', arm: 'b', metric: 'rating', value: -5 },
    ]);
  });

  it('survives a BOM, CRLF, blank lines, quotes, embedded commas and newlines, reordered and extra columns', () => {
    const text =
      '\uFEFFvalue,"arm",participant_id,note,metric\r\n\r\n' +
      '"3.5","arm ""A""",p1,"a, b",rating\r\n' +
      '  \r\n' +
      '.25,b,p2,"two\r\nlines",like rate\r\n' +
      '1,b,p3,,rating';
    expect(parseObservationsCsv(text)).toEqual([
      { participantId: 'p1', arm: 'arm "A"', metric: 'rating', value: 3.5 },
      { participantId: 'p2', arm: 'b', metric: 'like rate', value: 0.25 },
      { participantId: 'p3', arm: 'b', metric: 'rating', value: 1 },
    ]);
  });

  it('names the line of a bad row', () => {
    const head = 'participant_id,arm,metric,value\n';
    expect(errorOf(`${head}p1,a,m,1\n\np2,a,m,abc\n`).message).toBe('line 4: value "abc" is not a number');
    expect(errorOf(`${head}p1,a,m,1\np2,a,m\n`).message).toMatch(/^line 3: 3 fields, the header has 4/);
    expect(errorOf(`${head}p1,a,m,\n`).message).toMatch(/^line 2: value "" is not a number/);
    expect(errorOf(`${head}p1,,m,2\n`).message).toBe('line 2: empty arm');
    expect(errorOf(`${head}p1,a,m,0x10\n`).message).toMatch(/^line 2: /);
    expect(errorOf(`${head}p1,a,"m\nx,1\np2,a,m,1\n`).message).toBe('line 2: unterminated quoted field');
    expect(errorOf(`${head}p1,a,m,"1"\np1,a,"m"x",1\n`).message).toMatch(/^line 3: /);
  });

  it('names what is wrong with the header', () => {
    expect(errorOf('').message).toMatch(/^line 1: empty file/);
    expect(errorOf('id,arm,metric,value\n1,a,m,1').message).toMatch(/^line 1: header lacks participant_id/);
  });

  it('accepts a header without rows', () => {
    expect(parseObservationsCsv('participant_id,arm,metric,value\r\n')).toEqual([]);
  });
});
