import type { Assessment, ExportFormat } from '../../../preload/schemas/scorecard.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif } from './sarif.ts';

export const MEDIA_TYPE: Record<ExportFormat, string> = { md: 'text/markdown', json: 'application/json', sarif: 'application/sarif+json' };
export const EXTENSION: Record<ExportFormat, string> = { md: 'md', json: 'json', sarif: 'sarif' };

export function renderReport(a: Assessment, format: ExportFormat): string {
  if (format === 'md') return renderMarkdown(a);
  if (format === 'json') return JSON.stringify(a, null, 2) + '\n';
  return JSON.stringify(renderSarif(a), null, 2) + '\n';
}
