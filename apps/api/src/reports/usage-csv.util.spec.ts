import fc from 'fast-check';
import { csvCell, csvLine, summarizeConfig, USAGE_CSV_COLUMNS } from './usage-csv.util';

/** Reads one RFC 4180 record back. */
function parseRecord(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

describe('usage CSV', () => {
  it('has exactly the columns of US-5', () => {
    expect(USAGE_CSV_COLUMNS.join(',')).toBe('server_id,server_name,plugin_name,level,enabled,config_summary,modified_by,modified_at');
  });

  it('quotes fields holding commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",');
  });

  it('defuses formulas: = + - @ tab and CR at the start get an apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1@example.com')).toBe("'+1@example.com");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('round-trips any text through a parser, and no field starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (fields) => {
        const parsed = parseRecord(csvLine(fields));
        expect(parsed).toHaveLength(fields.length);
        parsed.forEach((value, i) => {
          expect(value).not.toMatch(/^[=+\-@\t\r]/);
          const original = fields[i] as string;
          expect(value).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('summarises a config on one line, cut at the limit', () => {
    expect(summarizeConfig({})).toBe('');
    expect(summarizeConfig({ blocked_patterns: ['a', 'b'], action: 'mask', nested: { k: 1 }, n: 2, off: false, none: null })).toBe(
      'blocked_patterns=[a, b]; action=mask; nested={"k":1}; n=2; off=false; none=null',
    );
    const long = summarizeConfig({ list: Array.from({ length: 100 }, (_, i) => `item-${i}`) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });
});
