import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ErrorDetail } from '../../../api/client';
import { SECTION_TITLE, sectionAnchor, sectionOf } from './proposal-form';
import type { ViolationKind } from './useProposalForm';

/** The API's problems for one field or section, under it. */
export function Violations({ items, id }: { items: ErrorDetail[]; id?: string }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4} id={id} role="alert" className="field-error" mt={6}>
      {items.map((item, index) => (
        <Text key={index} size="sm" c="red.8" data-testid="field-violation" data-field={item.field}>
          {item.message}
        </Text>
      ))}
    </Stack>
  );
}

/** Every problem at once, at the top, each linking to its section. */
export function ViolationSummary({
  violations,
  kind,
}: {
  violations: ErrorDetail[];
  kind: ViolationKind | null;
}) {
  if (violations.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={
        kind === 'eligibility'
          ? `The proposal is not eligible yet: ${violations.length} problem${violations.length === 1 ? '' : 's'} to fix`
          : `Please correct ${violations.length} field${violations.length === 1 ? '' : 's'}`
      }
      data-testid="violation-summary"
    >
      <Text size="sm" mb={6}>
        {kind === 'eligibility'
          ? 'Your changes are saved as a draft. Fix these and submit again:'
          : 'Nothing was saved. Fix these and try again:'}
      </Text>
      <List size="sm" spacing={2}>
        {violations.map((v, index) => (
          <List.Item key={index}>
            <Anchor href={`#${sectionAnchor(sectionOf(v.field))}`} size="sm" c="red.9">
              {SECTION_TITLE[sectionOf(v.field)]}
            </Anchor>
            : {v.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
