import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useReference } from '../../api/reference';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, StatusBadge } from '../../components/ui';
import { BudgetSection, useLiveBudget } from './editor/BudgetSection';
import {
  ClassificationSection,
  GeneralSection,
  GeographySection,
  MarkersSection,
  PartnersSection,
} from './editor/FormSections';
import { useProposalForm } from './editor/useProposalForm';
import { ViolationSummary } from './editor/Violations';
import { DocumentsPanel, documentKindLabel } from './DocumentsPanel';
import { EligibilityCheck } from './ProposalStatusPanels';

export function ProposalEditorPage() {
  const { id: routeId } = useParams();
  const ref = useReference();
  const summaryRef = useRef<HTMLDivElement>(null);
  // Problems from the API: the summary at the top takes the focus, so a screen reader reads them.
  const editor = useProposalForm(routeId, () => summaryRef.current?.focus());
  const { existing, proposalId, editable, saving } = editor;
  // The indirect rate and the ceiling are the fund's settings: nothing is computed before they are known.
  const rate = ref.settings?.indirectRate ?? null;
  const budget = useLiveBudget(editor.form, rate);

  if (routeId && existing.isLoading) return <LoadingState label="Loading the proposal…" />;
  if (routeId && existing.error)
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (ref.error) return <ErrorState error={ref.error} onRetry={ref.refetch} />;
  if (!ref.settings || rate === null || budget === null)
    return <LoadingState label="Loading the fund's settings…" />;
  const settings = ref.settings;

  const title = existing.data ? `Edit ${existing.data.reference}` : 'New joint programme proposal';
  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        crumbs={[
          { label: 'Proposals', to: '/proposals' },
          { label: existing.data ? existing.data.reference : 'New' },
        ]}
        badge={existing.data && <StatusBadge status={existing.data.status} />}
        description="Fill in every section, then submit. The eligibility rules of the fund are checked at submission and every problem is shown next to its field."
      />

      {!editable && (
        <Alert color="yellow" title="This proposal cannot be edited now">
          It is {existing.data?.status.toLowerCase().replace('_', ' ')}. Proposals can be changed while in
          draft, or when they are returned or a revision is requested.
        </Alert>
      )}

      <div ref={summaryRef} tabIndex={-1} style={{ outline: 'none' }}>
        <ViolationSummary violations={editor.violations} kind={editor.violationKind} />
        {editor.error !== null && <ErrorState error={editor.error} title="The proposal could not be saved" />}
      </div>

      <fieldset
        disabled={!editable || saving !== null}
        style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        <Stack gap="lg">
          <GeneralSection editor={editor} settings={settings} />
          <ClassificationSection editor={editor} reference={ref} />
          <GeographySection editor={editor} reference={ref} />
          <PartnersSection editor={editor} settings={settings} reference={ref} />
          <MarkersSection editor={editor} settings={settings} />
          <BudgetSection
            editor={editor}
            budget={budget}
            rate={rate}
            budgetCeiling={settings.budgetCeiling}
            categories={ref.categories}
          />
        </Stack>
      </fieldset>

      <Paper withBorder radius="md" p="lg">
        <Title order={2} size="h4" mb="xs">
          7. Documents
        </Title>
        {proposalId ? (
          <Stack>
            <DocumentsPanel proposalId={proposalId} editable={editable} />
            {editable && <EligibilityCheck proposalId={proposalId} />}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="documents-after-save">
            Save the draft once to attach documents
            {settings.requiredDocuments.length > 0
              ? `; the fund requires ${settings.requiredDocuments.map(documentKindLabel).join(' and ')} before submission.`
              : ' (the concept note, the endorsement letter, …).'}
          </Text>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md" shadow="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="lg">
            <Text size="sm">
              Direct <Money value={budget.direct} currency={null} />
            </Text>
            <Text size="sm">
              Indirect <Money value={budget.indirect} currency={null} />
            </Text>
            <Text size="sm" fw={700}>
              Total <Money value={budget.total} strong />
            </Text>
          </Group>
          <Group gap="sm">
            <Button
              variant="default"
              component={Link}
              to={proposalId ? `/proposals/${proposalId}` : '/proposals'}
            >
              Cancel
            </Button>
            <Button
              variant="light"
              leftSection={<IconDeviceFloppy size={18} />}
              onClick={() => void editor.onSave()}
              loading={saving === 'save'}
              disabled={!editable || saving === 'submit'}
            >
              Save draft
            </Button>
            <Button
              leftSection={<IconSend size={18} />}
              onClick={() => void editor.onSubmit()}
              loading={saving === 'submit'}
              disabled={!editable || saving === 'save'}
            >
              Submit proposal
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}
