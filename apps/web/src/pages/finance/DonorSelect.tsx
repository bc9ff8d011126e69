import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { contributionQueries } from '../../api/queries/contributions';

/**
 * The contributor picker (GET /donors): donors only, by name, searched on the server by a prefix of
 * any word of the name or of the code. `contributedOnly` lists only those with a commitment or a
 * deposit (a filter); otherwise every possible donor (recording a first pledge).
 */
export function DonorSelect({
  value,
  onChange,
  contributedOnly = false,
  label = 'Contributor',
  placeholder,
  required,
  error,
  w,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  contributedOnly?: boolean;
  label?: string;
  placeholder?: string;
  required?: boolean;
  error?: string;
  w?: SelectProps['w'];
}) {
  const [search, setSearch] = useState('');
  const [chosenName, setChosenName] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 200);
  // While the box shows the chosen donor's name, list every donor rather than that one only.
  const q = debounced && debounced !== chosenName ? debounced : undefined;
  const donors = useQuery(
    contributionQueries.donors({ q, contributed: contributedOnly || undefined, limit: 300 }),
  );
  const items = donors.data ?? [];
  const data = items.map((d) => ({ value: d.code, label: d.name }));
  // The chosen donor stays an option while a search lists others, so its name stays shown.
  const known = items.some((d) => d.code === value);
  const withChosen = value && !known && chosenName ? [{ value, label: chosenName }, ...data] : data;
  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      error={error}
      w={w}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()}` }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server searched already (by word prefix, accent-insensitive): keep what it answered.
      filter={({ options }) => options}
      data={withChosen}
      value={value}
      onChange={(code, picked) => {
        setChosenName(picked?.label ?? null);
        onChange(code);
      }}
      nothingFoundMessage={donors.isFetching ? 'Searching…' : 'No donor of that name'}
    />
  );
}
