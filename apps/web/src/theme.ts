import { createTheme, type MantineColorsTuple } from '@mantine/core';

// UN blue; shade 7 on white has a contrast ratio above 6:1 (WCAG AA for text).
const un: MantineColorsTuple = [
  '#e7f1fb',
  '#cfe0f4',
  '#9ebfe9',
  '#6a9dde',
  '#3f80d4',
  '#2370cf',
  '#1268cc',
  '#0058b5',
  '#004ea3',
  '#004391',
];

const CONTROL_NAMES: Record<string, string> = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
};

export const theme = createTheme({
  primaryColor: 'un',
  primaryShade: { light: 7, dark: 5 },
  colors: { un },
  fontFamily: '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: {
    fontFamily: '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
    fontWeight: '700',
  },
  fontFamilyMonospace: '"DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
  defaultRadius: 'md',
  focusRing: 'auto',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    // A badge never shrinks in a row beside a long title: a count of 11 read as "1" on the home
    // page's cards (its label ellipsed inside a squeezed badge).
    Badge: { defaultProps: { radius: 'sm' }, styles: { root: { flexShrink: 0 } } },
    // A keyboard user scrolls a wide table too: every scroll viewport takes focus (WCAG 2.1.1,
    // axe's scrollable-region-focusable). A page's own viewportProps replace these.
    ScrollArea: { defaultProps: { viewportProps: { tabIndex: 0 } } },
    // Tabs stay on one line and the list scrolls sideways inside itself on a phone, instead of
    // breaking into ragged rows (or widening the page).
    Tabs: {
      styles: {
        list: { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'none' },
        tab: { flexShrink: 0, whiteSpace: 'nowrap' },
      },
    },
    // A chosen option (a proposal on a meeting's agenda: "MIG-2026-0001 · Harmonized migration
    // statistics for evidence-based policy") wraps in full inside its pill instead of ending in "…".
    Pill: {
      styles: {
        root: {
          height: 'auto',
          minHeight: 'var(--pill-height)',
          flex: '0 1 auto',
          whiteSpace: 'normal',
          paddingBlock: 3,
        },
        label: {
          height: 'auto',
          lineHeight: 1.35,
          overflow: 'visible',
          textOverflow: 'clip',
          overflowWrap: 'anywhere',
        },
      },
    },
    // The arrows of every pager carry a name a screen reader can say (axe's button-name).
    Pagination: {
      defaultProps: {
        getControlProps: (control: string) => ({
          'aria-label': CONTROL_NAMES[control],
        }),
      },
    },
  },
});
