import { Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { resultsQueries } from '../../api/queries/results';

/** Fund indicators by code, for showing a code as its title. */
export function useFundIndicators() {
  const query = useQuery(resultsQueries.fundIndicators());
  const byCode = new Map((query.data ?? []).map((f) => [f.code, f]));
  return { list: query.data ?? [], byCode };
}

/** A fund indicator by its title, the code secondary (a wrong mapping shows in words). */
export function FundIndicatorName({ code }: { code: string }) {
  const { byCode } = useFundIndicators();
  const title = byCode.get(code)?.title;
  return (
    <span data-testid="fund-indicator">
      {title ?? code}
      {title && (
        <Text span size="xs" c="dimmed">
          {' '}
          ({code})
        </Text>
      )}
    </span>
  );
}

/** Which fund indicator a programme indicator rolls up to: chosen by title, searchable. */
export function FundIndicatorSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { list, byCode } = useFundIndicators();
  return (
    <Select
      label="Rolls up to fund indicator"
      placeholder="None"
      size="xs"
      searchable
      clearable
      style={{ flex: 1, minWidth: 260 }}
      data={list.filter((f) => f.active || f.code === value).map((f) => ({ value: f.code, label: f.title }))}
      value={value}
      onChange={onChange}
      renderOption={({ option }) => (
        <div>
          <Text size="xs">{option.label}</Text>
          <Text size="xs" c="dimmed">
            {option.value} · {byCode.get(option.value)?.unit ?? 'no unit'}
          </Text>
        </div>
      )}
      description={value ? value : undefined}
    />
  );
}
