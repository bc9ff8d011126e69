import { auditActionLabel } from '@mptf/common';
import { formatDate, formatDateTime, STATUS_LABEL } from '../lib/format';

const RECORD_WORDS: Record<string, string> = {
  proposal: 'Proposal',
  programme: 'Programme',
  'results-matrix': 'Results matrix',
  actual: 'Indicator actual',
  progress_report: 'Progress report',
  'progress-report': 'Progress report',
  programme_revision: 'Programme revision',
  revision: 'Revision',
  'report-narrative': 'Report narrative',
  report: 'Report',
  report_run: 'Report run',
  'fund-indicator': 'Fund indicator',
  'sc-meeting': 'Steering Committee meeting',
  meeting: 'Meeting',
  pipeline: 'Pipeline',
  contribution: 'Contribution',
  fund: 'Fund entry',
  fund_entry: 'Fund entry',
  user: 'User',
  thematic_area: 'Thematic area',
  fund_settings: 'Fund settings',
  settings: 'Fund settings',
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const words = (code: string) => code.replace(/[-_]/g, ' ').toLowerCase();

/** An event type in words ("Decision: pipelined"), from the one list the server's events are checked against. */
export const actionWords = auditActionLabel;

/** The kind of record an event is about, in words. */
export const recordWords = (entityType: string) => RECORD_WORDS[entityType] ?? sentence(words(entityType));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (value: unknown) => typeof value === 'string' && UUID.test(value);

/** Internal keys nobody reads: ids and links between records. */
const hiddenKey = (key: string) => key === 'id' || /Ids?$/.test(key) || key === 'correlationId';

/** "thematicAreaCode" → "Thematic area code". */
export const fieldWords = (key: string) =>
  sentence(
    key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]/g, ' ')
      .toLowerCase(),
  );

/** A value as people read it: dates as dates, statuses in words, lists joined, ids left out. */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (isId(value)) return '(a record)';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    if (value in STATUS_LABEL) return STATUS_LABEL[value as keyof typeof STATUS_LABEL];
    if (/^[A-Z][A-Z_]+$/.test(value)) return sentence(words(value));
    return value.length > 300 ? `${value.slice(0, 297)}…` : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.map(valueWords).join(', ');
    return `${value.length} entr${value.length === 1 ? 'y' : 'ies'}`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => !hiddenKey(key));
  return entries.map(([key, inner]) => `${fieldWords(key).toLowerCase()} ${valueWords(inner)}`).join(', ');
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string;
}

/** Before and after as a list of the fields that changed, in words (a new record: its fields). */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  if (!after) return before ? [{ field: 'Record', before: 'present', after: 'deleted' }] : [];
  return Object.keys(after)
    .filter((key) => !hiddenKey(key) && JSON.stringify(before?.[key]) !== JSON.stringify(after[key]))
    .map((key) => ({
      field: fieldWords(key),
      before: before && key in before ? valueWords(before[key]) : null,
      after: valueWords(after[key]),
    }));
}
