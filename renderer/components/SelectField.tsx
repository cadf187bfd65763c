import { FieldMessages, useFieldIds } from './FieldMessages.tsx';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  label: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
  error?: string | undefined;
  hint?: string;
}

/** A labelled <select> whose error sits right under it, like TextField. */
export function SelectField<V extends string>({ label, value, choices, onChange, error, hint }: Props<V>) {
  const ids = useFieldIds(error, hint);
  const { id, describedBy } = ids;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        // The choices are the only values the element can hold.
        onChange={(e) => onChange(e.target.value as V)}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldMessages ids={ids} error={error} hint={hint} />
    </div>
  );
}
