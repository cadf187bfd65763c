import type { ApiError } from '../../api/client.ts';
import type { PlacedError } from '../../components/use-form-errors.ts';

/** A refusal goes under the field it names when the form has that field, else on top of the form. */
export const placeOn =
  <F extends string>(fields: readonly F[]) =>
  (err: ApiError): PlacedError<F> => {
    const f = err.field?.split('.')[0] as F | undefined;
    return f && fields.includes(f) ? { fields: { [f]: err.message } as Partial<Record<F, string>>, form: null } : { fields: {}, form: err.message };
  };

/** "ui, react , tests" → ["ui", "react", "tests"] */
export const parseList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Whole seconds typed by a person; NaN stays NaN so the core names the field. */
export const parseSeconds = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
