import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, errorMessage, http } from '../../api/client';
import type { NarrativeSection } from '../../api/models';
import { narrativeQueries } from '../../api/queries/narratives';
import { useAuth } from '../../auth/auth';
import { QueryState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

const THIS_YEAR = new Date().getUTCFullYear();
const YEARS = [THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map(String);
const STATE_BADGE: Record<NarrativeSection['state'], { color: string; label: string }> = {
  WRITTEN: { color: 'teal', label: 'Written' },
  OMITTED: { color: 'gray', label: 'Left out' },
  MISSING: { color: 'red', label: 'Missing' },
};

/**
 * The consolidated report's narrative, written by the fund unit per reporting year: each section
 * with its text (or why it is left out) and its revisions. The annual report places them; a final
 * run is refused while one is missing.
 */
export function NarrativePage() {
  const [year, setYear] = useState(String(THIS_YEAR));
  const query = useQuery(narrativeQueries.year(Number(year)));
  return (
    <Stack>
      <PageHeader
        title="Report narrative"
        description="What the fund unit writes for the consolidated annual report: each section is kept with its revisions. A final report needs every section written or explicitly left out."
        actions={
          <Select
            label="Reporting year"
            data={YEARS}
            value={year}
            onChange={(value) => value && setYear(value)}
            allowDeselect={false}
            w={140}
          />
        }
      />
      <QueryState query={query} loadingLabel="Loading the narrative…">
        {(narrative) => (
          <Stack>
            {narrative.missing.length > 0 ? (
              <Alert
                color="yellow"
                title={`${narrative.missing.length} section(s) still missing`}
                data-testid="narrative-missing"
              >
                A draft report marks them; a final report is refused until each is written or left out with a
                reason.
              </Alert>
            ) : (
              <Alert
                color="teal"
                title="Every section is written or left out"
                data-testid="narrative-complete"
              >
                The {narrative.year} report can be generated as final.
              </Alert>
            )}
            {narrative.sections.map((section) => (
              <SectionEditor
                key={`${year}-${section.key}-${section.revision ?? 0}`}
                year={year}
                section={section}
              />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function SectionEditor({ year, section }: { year: string; section: NarrativeSection }) {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(section.body ?? '');
  const [omitted, setOmitted] = useState(section.state === 'OMITTED');
  const [reason, setReason] = useState(section.reason ?? '');
  const editable = can('report-narrative.write');
  const save = useMutation({
    mutationFn: () =>
      data(
        http.PUT('/api/v1/report-narratives/{year}/sections/{key}', {
          params: { path: { year: Number(year), key: section.key } },
          body: omitted ? { omitted: true, reason } : { body },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: narrativeQueries.year(Number(year)).queryKey });
      notifications.show({
        color: 'teal',
        title: 'Saved',
        message: `${section.title}: a new revision is kept.`,
      });
    },
  });
  const badge = STATE_BADGE[section.state];
  const dirty = omitted
    ? section.state !== 'OMITTED' || reason.trim() !== (section.reason ?? '')
    : section.state !== 'WRITTEN' || body.trim() !== (section.body ?? '');
  return (
    <Section
      title={section.title}
      description={
        section.writtenAt
          ? `Revision ${section.revision} by ${section.writtenBy?.name ?? '—'}, ${formatDateTime(section.writtenAt)}`
          : 'Not written yet'
      }
      actions={
        <Badge color={badge.color} variant="light" data-testid={`state-${section.key}`}>
          {badge.label}
        </Badge>
      }
    >
      <Stack gap="sm">
        <Checkbox
          label="Leave this section out of the report"
          checked={omitted}
          disabled={!editable}
          onChange={(event) => setOmitted(event.currentTarget.checked)}
        />
        {omitted ? (
          <TextInput
            label="Why it is left out"
            value={reason}
            disabled={!editable}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={save.error ? errorMessage(save.error) : undefined}
          />
        ) : (
          <Textarea
            label={`${section.title} — text`}
            description="Blank lines separate paragraphs."
            autosize
            minRows={4}
            maxRows={16}
            value={body}
            disabled={!editable}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={save.error ? errorMessage(save.error) : undefined}
            data-testid={`body-${section.key}`}
          />
        )}
        {editable && (
          <Group justify="flex-end">
            <Button
              leftSection={<IconDeviceFloppy size={18} />}
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={!dirty}
              aria-label={`Save ${section.title}`}
            >
              Save {section.title}
            </Button>
          </Group>
        )}
        {section.revisions.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Revisions
            </Text>
            <Timeline bulletSize={12} lineWidth={2} data-testid={`revisions-${section.key}`}>
              {section.revisions.map((revision) => (
                <Timeline.Item key={revision.revision} title={`Revision ${revision.revision}`}>
                  <Text size="xs" c="dimmed">
                    {revision.writtenBy.name}, {formatDateTime(revision.writtenAt)}
                  </Text>
                  <Text size="sm" lineClamp={3}>
                    {revision.omitted ? `Left out: ${revision.reason}` : revision.body}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
