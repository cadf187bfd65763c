import { useState } from 'react';
import type { ScorecardSettings } from '../../../preload/schemas/scorecard.ts';
import { TextField } from '../../components/TextField.tsx';

interface Props {
  settings: ScorecardSettings;
  onSave(category: string, target: number | null): Promise<void>;
}

/** Per-category targets: the tier's defaults unless overridden; an empty field goes back to the default. */
export function TargetsEditor({ settings, onSave }: Props) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (category: string) => {
    const raw = drafts[category];
    if (raw === undefined) return;
    const text = raw.trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 100)) {
      setErrors((e) => ({ ...e, [category]: 'a whole number from 0 to 100, or empty for the tier default' }));
      return;
    }
    setErrors((e) => ({ ...e, [category]: '' }));
    await onSave(category, value);
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== category)));
  };
  return (
    <details className="targets-editor">
      <summary>Targets per category ({settings.tier} tier{Object.keys(settings.overrides).length ? `, ${Object.keys(settings.overrides).length} overridden` : ''})</summary>
      <form
        className="targets-grid"
        aria-label="Targets per category"
        onSubmit={(e) => {
          e.preventDefault();
          void Promise.all(Object.keys(drafts).map(save));
        }}
      >
        {Object.entries(settings.targets).map(([category, target]) => (
          <div key={category} onBlur={() => void save(category)}>
            <TextField
              label={`${category} (%)`}
              type="number"
              value={drafts[category] ?? (settings.overrides[category] !== undefined ? String(target) : '')}
              hint={`default ${target}%`}
              error={errors[category] || undefined}
              onChange={(v) => setDrafts((d) => ({ ...d, [category]: v }))}
            />
          </div>
        ))}
        <button type="submit">Save targets</button>
      </form>
      <p className="muted">Targets apply from the next assessment.</p>
    </details>
  );
}
