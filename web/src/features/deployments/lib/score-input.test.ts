import { columnOfField, parseValue } from './score-input';

const col = (type: string) => ({ name: 'x', type });

describe('parseValue', () => {
  it('takes numbers for numeric columns and refuses the rest', () => {
    expect(parseValue(col('double'), ' 5.1 ')).toEqual({ ok: true, value: 5.1 });
    expect(parseValue(col('float'), '1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseValue(col('double'), 'abc')).toEqual({ ok: false, error: 'x must be a finite number' });
    expect(parseValue(col('double'), '')).toMatchObject({ ok: false, error: 'x needs a value (a number, e.g. 5.1)' });
  });

  it('keeps integers whole and 32-bit integers in range', () => {
    expect(parseValue(col('integer'), '-42')).toEqual({ ok: true, value: -42 });
    expect(parseValue(col('integer'), '4.5')).toMatchObject({ ok: false, error: 'x must be a whole number' });
    expect(parseValue(col('integer'), '2147483648')).toMatchObject({ ok: false, error: 'x must be between -2147483648 and 2147483647' });
    expect(parseValue(col('long'), '2147483648')).toEqual({ ok: true, value: 2147483648 });
    expect(parseValue(col('long'), '99999999999999999999')).toMatchObject({ ok: false });
  });

  it('checks booleans, base64, date-times and passes strings through', () => {
    expect(parseValue(col('boolean'), 'true')).toEqual({ ok: true, value: true });
    expect(parseValue(col('boolean'), 'yes')).toMatchObject({ ok: false });
    expect(parseValue(col('binary'), 'aGVsbG8=')).toEqual({ ok: true, value: 'aGVsbG8=' });
    expect(parseValue(col('binary'), 'not base64!')).toMatchObject({ ok: false });
    expect(parseValue(col('datetime'), '2026-01-31T12:00:00+01:00')).toEqual({ ok: true, value: '2026-01-31T12:00:00+01:00' });
    expect(parseValue(col('datetime'), '2026-01-31')).toMatchObject({ ok: true });
    expect(parseValue(col('datetime'), '31/01/2026')).toMatchObject({ ok: false });
    expect(parseValue(col('string'), '')).toEqual({ ok: true, value: '' });
  });
});

describe('columnOfField', () => {
  it("names the column of a row's field, and nothing for other fields", () => {
    expect(columnOfField('rows[2].petal_width')).toBe('petal_width');
    expect(columnOfField('rows')).toBeUndefined();
    expect(columnOfField(undefined)).toBeUndefined();
  });
});
