import { SIGNATURE_TYPES, type SignatureField } from '../types';

/** Parses `age: integer, income: double` into signature fields; throws with a readable message on a bad entry. */
export function parseFields(text: string): SignatureField[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, type, ...rest] = entry.split(':').map((part) => part.trim());
      if (!name || !type || rest.length > 0) throw new Error(`Write each field as "name: type", not "${entry}"`);
      const lower = type.toLowerCase();
      if (!(SIGNATURE_TYPES as readonly string[]).includes(lower)) {
        throw new Error(`Unknown type "${type}" for ${name}; use one of ${SIGNATURE_TYPES.join(', ')}`);
      }
      return { name, type: lower };
    });
}
