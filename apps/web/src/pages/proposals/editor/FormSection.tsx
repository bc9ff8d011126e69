import type { ReactNode } from 'react';
import { Section } from '../../../components/ui';

/** A numbered section of the form, with the anchor the problem summary links to. */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Section title={<span id={id}>{title}</span>} description={description}>
      {children}
    </Section>
  );
}
