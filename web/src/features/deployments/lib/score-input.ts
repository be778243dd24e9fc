import type { ScoreValue, SignatureColumn } from '../types';

export type Parsed = { ok: true; value: ScoreValue } | { ok: false; error: string };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INTEGRAL = /^[+-]?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// what the model server takes: a date, or a date and time with an optional offset (docs/model-server.md)
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** What to type into the input of a column of this type. */
export function inputHint(type: string): string {
  switch (type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return 'a whole number (32-bit)';
    case 'long':
      return 'a whole number';
    case 'float':
    case 'double':
      return 'a number, e.g. 5.1';
    case 'binary':
      return 'base64 text';
    case 'datetime':
      return 'ISO-8601, e.g. 2026-01-31T12:00:00Z';
    default:
      return 'text';
  }
}

/**
 * Checks one typed value against its signature column's type, as the model server will (docs/model-server.md,
 * "Value types"), and answers the JSON value to send. `long` stays within JavaScript's safe integers, since the
 * browser sends numbers as doubles.
 */
export function parseValue(column: SignatureColumn, text: string): Parsed {
  const type = column.type.toLowerCase();
  const trimmed = text.trim();
  if (type !== 'string' && trimmed === '') return { ok: false, error: `${column.name} needs a value (${inputHint(type)})` };
  switch (type) {
    case 'boolean':
      if (trimmed === 'true' || trimmed === 'false') return { ok: true, value: trimmed === 'true' };
      return { ok: false, error: `${column.name} must be true or false` };
    case 'integer':
    case 'long': {
      const number = Number(trimmed);
      if (!INTEGRAL.test(trimmed) || !Number.isSafeInteger(number)) {
        return { ok: false, error: `${column.name} must be a whole number` };
      }
      if (type === 'integer' && (number < INT32_MIN || number > INT32_MAX)) {
        return { ok: false, error: `${column.name} must be between ${INT32_MIN} and ${INT32_MAX}` };
      }
      return { ok: true, value: number };
    }
    case 'float':
    case 'double': {
      const number = Number(trimmed);
      if (!Number.isFinite(number)) return { ok: false, error: `${column.name} must be a finite number` };
      return { ok: true, value: number };
    }
    case 'binary':
      return BASE64.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, error: `${column.name} must be base64 text` };
    case 'datetime':
      return DATETIME.test(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, error: `${column.name} must be an ISO-8601 date or date-time, e.g. 2026-01-31T12:00:00Z` };
    default:
      return { ok: true, value: text };
  }
}

/** The input column a model server's problem `field` names (`rows[0].petal_width` → `petal_width`). */
export function columnOfField(field: string | undefined): string | undefined {
  const match = field ? /^rows\[\d+\]\.(.+)$/.exec(field) : null;
  return match ? match[1] : undefined;
}
