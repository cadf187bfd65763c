import type { Choice } from '../../../components/SelectField.tsx';
import type { MonitorCollection } from '../../../state/monitor-collection.ts';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const cache = new WeakMap<readonly number[], Choice<string>[]>();

/**
 * Every monitor as a parent choice, sorted by name. Cached per order array, which the store keeps
 * while only results change: an open form is not re-rendered with 10,000 options every second.
 */
export function parentChoices(col: MonitorCollection): Choice<string>[] {
  let choices = cache.get(col.order);
  if (!choices) {
    const all = [...col.byId.values()].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
    choices = all.map((m) => ({ value: String(m.id), label: m.name }));
    cache.set(col.order, choices);
  }
  return choices;
}
