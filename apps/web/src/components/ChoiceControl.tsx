import { SegmentedControl, type SegmentedControlProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * A segmented control that stacks its choices on a phone: in a row, five or more choices are wider
 * than a 390 px screen and would scroll the whole page sideways.
 */
export function ChoiceControl(props: SegmentedControlProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return <SegmentedControl orientation={phone ? 'vertical' : 'horizontal'} fullWidth={phone} {...props} />;
}
