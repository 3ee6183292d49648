import { csvCell, csvLine, safeFileName } from '../csv';
import { parseCsv } from './export-helpers';

describe('CSV cells', () => {
  it('quotes cells with quotes, commas and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('guards text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('+7')).toBe('+7');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes empty cells for null and undefined, ISO dates, and no NaN', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-11-24T18:00:00.123Z'))).toBe('2026-11-24T18:00:00.123Z');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
  });

  it('reads back as the values written (formula guard aside), one record per CRLF line', () => {
    const rows = [
      ['code', 'note'],
      ['AB,C', 'he said "no"\r\nthen left'],
      ['', 'ünïcødé 🌹'],
    ];
    const text = rows.map(csvLine).join('');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(rows);
  });

  it('makes file names safe for headers and file systems', () => {
    expect(safeFileName('coupon-codes-Spring "Sale" 15%/now')).toBe('coupon-codes-Spring-Sale-15-now.csv');
    expect(safeFileName('Crème brûlée')).toBe('Creme-brulee.csv');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd.csv');
    expect(safeFileName('🌹🌹')).toBe('export.csv');
  });
});
