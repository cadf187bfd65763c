import { FieldMessages, useFieldIds } from './FieldMessages.tsx';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
  multiline?: boolean;
  required?: boolean;
  type?: 'text' | 'number' | 'password';
  placeholder?: string;
  disabled?: boolean;
  autoComplete?: string;
}

/** A labelled input whose error sits right under it and is tied to it for assistive technology. */
export function TextField({ label, value, onChange, error, hint, multiline, required, type = 'text', autoComplete = 'off', placeholder, disabled }: Props) {
  const ids = useFieldIds(error, hint);
  const { id, describedBy } = ids;
  const common = {
    id,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    autoComplete,
    placeholder,
    disabled,
  } as const;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="muted"> (required)</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldMessages ids={ids} error={error} hint={hint} />
    </div>
  );
}
