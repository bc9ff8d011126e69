import { Tabs, type TabsListProps } from '@mantine/core';
import { useEffect, useRef } from 'react';

/**
 * A tab list (one line, scrolling sideways inside itself on a phone: see the theme) that brings
 * the chosen tab into its view: a link to a proposal's documents opens with "Documents" visible,
 * not scrolled off past "Revisions". Only the list scrolls, never the page.
 */
export function TabsList({ active, ...props }: TabsListProps & { active: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const list = ref.current;
    const tab = list?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    if (!list || !tab) return;
    const box = list.getBoundingClientRect();
    const at = tab.getBoundingClientRect();
    if (at.left < box.left || at.right > box.right) list.scrollLeft += at.left - box.left - 16;
  }, [active]);
  return <Tabs.List ref={ref} {...props} />;
}
