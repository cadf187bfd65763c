import { useId, useRef, useState, type FormEvent } from 'react';
import { THEME_CHOICES } from './theme-choices.ts';
import type { Settings } from '../../../preload/contract.ts';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useSettingsStore } from '../../state/stores-context.tsx';
import { parseStaleAfter, placeSettingsError, type SettingsField } from './settings-draft.ts';

interface Props {
  settings: Settings;
  /** Kept by the caller, since this form is remounted when settingsChanged arrives. */
  status: string;
  onStatus(status: string): void;
}

/** Edits a copy of the settings; the caller remounts it (by key) when the core announces new ones. */
export function SettingsForm({ settings, status, onStatus }: Props) {
  const update = useSettingsStore((s) => s.update);
  const titleId = useId();
  const themeErrorId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [theme, setTheme] = useState(settings.theme);
  const [staleText, setStaleText] = useState(String(settings.staleAfterSeconds));
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<SettingsField>(formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    onStatus('');
    const stale = parseStaleAfter(staleText);
    if (!stale.ok) return fail({ staleAfterSeconds: stale.error }, null);
    await attempt(() => update({ theme, staleAfterSeconds: stale.value }), placeSettingsError, () => onStatus('Settings saved.'));
  };

  return (
    <form ref={formRef} className="card" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={titleId}>Display and freshness</h2>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <fieldset className="field" aria-describedby={errors.theme ? themeErrorId : undefined}>
        <legend>Theme</legend>
        <div className="choices">
          {THEME_CHOICES.map((c) => (
            <label key={c.value} className="choice">
              <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => setTheme(c.value)} />
              {c.label}
            </label>
          ))}
        </div>
        {errors.theme && (
          <p className="field-error" id={themeErrorId}>
            {errors.theme}
          </p>
        )}
      </fieldset>
      <TextField
        label="Stale after (seconds)"
        type="number"
        value={staleText}
        onChange={(v) => {
          setStaleText(v);
          clearError('staleAfterSeconds');
        }}
        error={errors.staleAfterSeconds}
        hint="A measurement older than this is shown as stale. From 10 to 86400 (one day)."
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        <p className="form-status" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
