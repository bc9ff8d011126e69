import type { IndicatorMeasure } from '../../api/models';

export const MEASURES: { value: IndicatorMeasure; label: string }[] = [
  { value: 'UNIT', label: 'Unit (count)' },
  { value: 'PERCENTAGE', label: 'Percentage' },
  { value: 'NOMINAL', label: 'Nominal' },
  { value: 'ORDINAL', label: 'Ordinal' },
  { value: 'QUALITATIVE', label: 'Qualitative' },
];
export const ACTUAL_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  APPROVED: 'teal',
  RETURNED: 'orange',
};
