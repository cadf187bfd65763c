import type { Settings } from '../../../preload/contract.ts';

export const THEME_CHOICES: readonly { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
