import { FieldMessages, useFieldIds } from './FieldMessages.tsx';

interface Props {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string | undefined;
  hint?: string;
}

export function CheckboxField({ label, checked, onChange, error, hint }: Props) {
  const ids = useFieldIds(error, hint);
  const { id, describedBy } = ids;
  return (
    <div className={error ? 'field field-invalid field-check' : 'field field-check'}>
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <FieldMessages ids={ids} error={error} hint={hint} />
    </div>
  );
}
