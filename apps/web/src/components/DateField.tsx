import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { DATE_FORMAT } from '@mptf/common';

dayjs.extend(customParseFormat);

/** Typed dates: "3 Dec 2026" as shown, or the ISO form pasted from elsewhere. */
function parseTyped(input: string): string | null {
  const date = dayjs(input.trim(), [DATE_FORMAT, 'YYYY-MM-DD', 'D/M/YYYY'], true);
  return date.isValid() ? date.format('YYYY-MM-DD') : null;
}

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat'> & {
  /** A calendar date, YYYY-MM-DD, or '' for none. */
  value: string;
  onChange: (value: string) => void;
};

/**
 * Every date input of the app: shows and accepts "3 Dec 2026" (the format of the tables), picks
 * from a calendar, and hands back the API's YYYY-MM-DD.
 */
export function DateField({ value, onChange, ...props }: Props) {
  return (
    <DateInput
      valueFormat={DATE_FORMAT}
      placeholder="e.g. 3 Dec 2026"
      clearable={!props.required}
      dateParser={parseTyped}
      clearButtonProps={{
        'aria-label': `Clear ${typeof props.label === 'string' ? props.label.toLowerCase() : 'the date'}`,
      }}
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ? String(next).slice(0, 10) : '')}
    />
  );
}
