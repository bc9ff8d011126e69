import { Box, Button, Group, NativeSelect, Pagination, Table, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { download, errorMessage } from '../api/client';

/**
 * The shared parts of the server-side lists (proposals, programmes, contributions, actuals,
 * report runs): the sort and page kept in the address (a link or a refresh keeps them), sortable
 * column headers, the pager and the CSV export of what the list shows. The server sorts, pages,
 * totals and exports (api.md "Conventions"), so a list never sorts or sums one page in the browser.
 */
export interface ListControls {
  /** `field` or `-field`, as the API's `sort` takes it; undefined for the list's own order. */
  sort: string | undefined;
  page: number;
  /** Sorts by `field`: ascending first, then the other way on the next click. */
  toggleSort: (field: string) => void;
  /** Sorts by `field` or `-field` (the phone's "Sort by" select); undefined: the list's own order. */
  setSort: (sort: string | undefined) => void;
  setPage: (page: number) => void;
  /** Back to page 1 (after a filter changes). */
  resetPage: () => void;
}

export function useListControls(): ListControls {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return {
    sort,
    page,
    toggleSort: (field) => update({ sort: sort === field ? `-${field}` : field, page: null }),
    setSort: (value) => update({ sort: value ?? null, page: null }),
    setPage: (value) => update({ page: value > 1 ? String(value) : null }),
    resetPage: () => update({ page: null }),
  };
}

/** The direction a list is sorted by `field`, if it is its first sort key. */
function directionOf(sort: string | undefined, field: string): 'ascending' | 'descending' | undefined {
  const first = sort?.split(',')[0];
  if (first === field) return 'ascending';
  if (first === `-${field}`) return 'descending';
  return undefined;
}

/**
 * A column header that sorts the list: a button (keyboard and screen reader reachable) inside a
 * header cell carrying aria-sort, so assistive technology announces the current order.
 */
export function SortableTh({
  field,
  controls,
  children,
  numeric,
  w,
}: {
  field: string;
  controls: Pick<ListControls, 'sort' | 'toggleSort'>;
  children: ReactNode;
  numeric?: boolean;
  w?: number;
}) {
  const direction = directionOf(controls.sort, field);
  const Icon =
    direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={direction ?? 'none'} className={numeric ? 'num' : undefined} w={w}>
      <UnstyledButton
        onClick={() => controls.toggleSort(field)}
        className="sort-button"
        data-sort-field={field}
        style={{ justifyContent: numeric ? 'flex-end' : 'flex-start' }}
      >
        <span>{children}</span>
        <Icon size={14} aria-hidden stroke={direction ? 2.2 : 1.5} opacity={direction ? 1 : 0.55} />
      </UnstyledButton>
    </Table.Th>
  );
}

/** The list's count and pager, under the table. */
export function ListFooter({
  total,
  pageSize,
  controls,
  noun,
}: {
  total: number;
  pageSize: number;
  controls: Pick<ListControls, 'page' | 'setPage'>;
  noun: [singular: string, plural: string];
}) {
  return (
    <Group justify="space-between" p="sm" wrap="wrap" gap="xs">
      <Text size="sm" c="dimmed">
        {total} {total === 1 ? noun[0] : noun[1]}
      </Text>
      {total > pageSize && (
        <Pagination
          total={Math.ceil(total / pageSize)}
          value={controls.page}
          onChange={controls.setPage}
          size="sm"
        />
      )}
    </Group>
  );
}

/**
 * "Export CSV": the whole list as the server filters, searches and sorts it (every page), the
 * same rows the user may see. `fetchCsv` calls the list's route with `format: 'csv'` and
 * `parseAs: 'blob'`.
 */
export function ExportCsvButton({
  fetchCsv,
  fileName,
}: {
  fetchCsv: () => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  fileName: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      leftSection={<IconFileSpreadsheet size={16} />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        download(fetchCsv(), fileName)
          .catch((error) => notifications.show({ color: 'red', message: errorMessage(error) }))
          .finally(() => setBusy(false));
      }}
    >
      Export CSV
    </Button>
  );
}

const FIRST_COLUMN = [0];

interface SortField {
  field: string;
  label: string;
}

/**
 * Names every body and totals cell after its column (`data-label`, colspans counted) and returns
 * the sortable columns the header offers. On a phone the cells show that name beside their value.
 */
function labelCells(root: HTMLElement, titleColumns: number[]): SortField[] {
  const table = root.querySelector('table');
  if (!table) return [];
  const headers: string[] = [];
  for (const th of table.querySelectorAll<HTMLTableCellElement>('thead tr:last-child th')) {
    // A column named for screen readers only (an action's column) shows no name on the card either.
    const shown = th.cloneNode(true) as HTMLElement;
    shown.querySelectorAll('.sr-only').forEach((hidden) => hidden.remove());
    const text = (shown.textContent ?? '').replace(/\s+/g, ' ').trim();
    for (let span = 0; span < Math.max(1, th.colSpan); span++) headers.push(text);
  }
  for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr, tfoot tr')) {
    // A row's card is titled by the cells that identify it; a totals row by its first (its label).
    const titles = row.parentElement?.tagName === 'TFOOT' ? [0] : titleColumns;
    let column = 0;
    for (const cell of row.cells) {
      const label = headers[column] ?? '';
      if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
      const span = Math.max(1, cell.colSpan);
      const isTitle = titles.some((title) => column <= title && title < column + span);
      if (isTitle !== cell.hasAttribute('data-card-title')) cell.toggleAttribute('data-card-title', isTitle);
      column += span;
    }
  }
  return [...table.querySelectorAll<HTMLElement>('thead [data-sort-field]')].map((button) => ({
    field: button.dataset.sortField!,
    label: (button.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/**
 * A list's table, readable on a laptop and on a phone: a real table (with its header cells and
 * aria-sort) on a wide screen; below 48em each row becomes a card of "column: value" pairs, titled
 * by the columns that identify the row (the first unless `titleColumns` says otherwise: a
 * contribution by its donor, a proposal by its reference and title, not a date), the totals row a
 * summary card and the sortable headers a "Sort by" select, so nothing scrolls sideways (styles.css `.list-table`). The table's
 * own markup stays as the page writes it: the cells are named after their column here.
 */
export function ListTable({
  children,
  controls,
  titleColumns = FIRST_COLUMN,
}: {
  children: ReactNode;
  /**
   * The columns (from 0) whose cells title a row's card on a phone, shown first: what identifies
   * the row (a reference and title, a donor). A list read by date (a ledger, a log, meetings)
   * keeps its date first.
   */
  titleColumns?: number[];
  /** The list's sort, when its columns sort: the phone's "Sort by" select uses it. */
  controls?: Pick<ListControls, 'sort' | 'setSort'>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [fields, setFields] = useState<SortField[]>([]);
  // By value: a page's literal array is a new one at each render.
  const titles = titleColumns.join();
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const update = () => {
      const found = labelCells(root, titles.split(',').map(Number));
      setFields((current) => (JSON.stringify(current) === JSON.stringify(found) ? current : found));
    };
    update();
    // Rows come and go with the page, the sort and the filters; attributes are not observed.
    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [titles]);
  return (
    <>
      {controls && fields.length > 0 && (
        <Box className="list-sort" p="sm" pb={0}>
          <NativeSelect
            label="Sort by"
            value={controls.sort ?? ''}
            onChange={(event) => controls.setSort(event.currentTarget.value || undefined)}
            data={[
              { value: '', label: 'Default order' },
              ...fields.flatMap(({ field, label }) => [
                { value: field, label: `${label}, ascending` },
                { value: `-${field}`, label: `${label}, descending` },
              ]),
            ]}
          />
        </Box>
      )}
      <div ref={ref} className="list-table">
        {children}
      </div>
    </>
  );
}
