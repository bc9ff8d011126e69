import {
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMemo } from 'react';
import type { Reference } from '../../../api/reference';
import type { FundSettings } from '../../../api/models';
import { MARKER_SCALE } from '../../../lib/format';
import { FormSection } from './FormSection';
import { sectionAnchor, type FormState, type Scope, type Stage } from './proposal-form';
import { Violations } from './Violations';
import type { ProposalForm } from './useProposalForm';
import { DateField } from '../../../components/DateField';

/** The proposal's sections before the budget, each reading and setting through the editor hook. */
interface SectionProps {
  editor: ProposalForm;
  settings: FundSettings;
}

export function GeneralSection({ editor, settings }: SectionProps) {
  const { form, set, fieldError } = editor;
  return (
    <FormSection
      id={sectionAnchor('general')}
      title="1. General"
      description="What the joint programme does, at which stage and for how long."
    >
      <Stack>
        <TextInput
          label="Title"
          required
          value={form.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={fieldError('title')}
          maxLength={300}
        />
        <Textarea
          label="Summary"
          description="The problem, what the PUNOs will do together and the change expected."
          autosize
          minRows={4}
          value={form.summary}
          onChange={(e) => set('summary', e.currentTarget.value)}
          error={fieldError('summary')}
        />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Text size="sm" fw={500} mb={4} id="stage-label">
              Stage
            </Text>
            <SegmentedControl
              aria-labelledby="stage-label"
              fullWidth
              value={form.stage}
              onChange={(value) => set('stage', value as Stage)}
              data={[
                { value: 'CONCEPT_NOTE', label: 'Concept note' },
                { value: 'FULL_PROPOSAL', label: 'Full proposal' },
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label="Duration (months)"
              description={`Between ${settings.minDurationMonths} and ${settings.maxDurationMonths} months`}
              min={1}
              max={240}
              allowDecimal={false}
              value={form.durationMonths}
              onChange={(value) => set('durationMonths', value === '' ? '' : Number(value))}
              error={fieldError('durationMonths')}
            />
          </Grid.Col>
        </Grid>
      </Stack>
    </FormSection>
  );
}

export function ClassificationSection({
  editor,
  reference: ref,
}: {
  editor: ProposalForm;
  reference: Reference;
}) {
  const { form, set, fieldError } = editor;
  const area = ref.areas.find((a) => String(a.code) === form.thematicAreaCode);
  const objectiveData = useMemo(() => {
    const mapped = new Set((area?.gcmObjectiveCodes ?? []).map(String));
    const option = (o: { code: number; title: string }) => ({
      value: String(o.code),
      label: `${o.code}. ${o.title}`,
    });
    if (!area) return ref.objectives.map(option);
    return [
      {
        group: `Mapped to thematic area ${area.code}`,
        items: ref.objectives.filter((o) => mapped.has(String(o.code))).map(option),
      },
      {
        group: 'Other GCM objectives',
        items: ref.objectives.filter((o) => !mapped.has(String(o.code))).map(option),
      },
    ];
  }, [ref.objectives, area]);
  const mapped = new Set((area?.gcmObjectiveCodes ?? []).map(String));
  return (
    <FormSection
      id={sectionAnchor('classification')}
      title="2. Thematic area and GCM objectives"
      description="Pick the primary thematic area first: the objectives mapped to it are listed on top. At least one objective must be mapped to the area."
    >
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Select
            label="Primary thematic area"
            required
            placeholder="Choose a thematic area"
            data={ref.areas.map((a) => ({ value: String(a.code), label: `${a.code}. ${a.title}` }))}
            value={form.thematicAreaCode}
            onChange={(value) => set('thematicAreaCode', value)}
            error={fieldError('thematicAreaCode')}
            comboboxProps={{ width: 520 }}
            allowDeselect={false}
          />
          {area && (
            <Text size="xs" c="dimmed" mt={6}>
              Objectives of this area: {area.gcmObjectiveCodes.join(', ')}
            </Text>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <MultiSelect
            label="GCM objectives"
            required
            placeholder={form.gcmObjectiveCodes.length ? undefined : 'Choose one or more objectives'}
            data={objectiveData}
            value={form.gcmObjectiveCodes}
            onChange={(value) => set('gcmObjectiveCodes', value)}
            searchable
            error={fieldError('gcmObjectiveCodes')}
            comboboxProps={{ width: 560 }}
          />
          {area &&
            form.gcmObjectiveCodes.length > 0 &&
            !form.gcmObjectiveCodes.some((c) => mapped.has(c)) &&
            !fieldError('gcmObjectiveCodes') && (
              <Text size="xs" c="orange.9" mt={6}>
                None of the chosen objectives is mapped to thematic area {area.code}.
              </Text>
            )}
        </Grid.Col>
      </Grid>
    </FormSection>
  );
}

export function GeographySection({ editor, reference: ref }: { editor: ProposalForm; reference: Reference }) {
  const { form, set, fieldError, forField } = editor;
  const countryData = useMemo(
    () => ref.countries.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })),
    [ref.countries],
  );

  return (
    <FormSection
      id={sectionAnchor('geography')}
      title="3. Scope and countries"
      description="A national proposal covers one country and needs the host government's endorsement."
    >
      <Stack>
        <div>
          <Text size="sm" fw={500} mb={4} id="scope-label">
            Scope
          </Text>
          <SegmentedControl
            aria-labelledby="scope-label"
            value={form.scope}
            onChange={(value) => set('scope', value as Scope)}
            data={[
              { value: 'NATIONAL', label: 'National' },
              { value: 'REGIONAL', label: 'Multi-country / regional' },
              { value: 'GLOBAL', label: 'Global' },
            ]}
          />
        </div>
        {form.scope !== 'GLOBAL' && (
          <MultiSelect
            label={form.scope === 'NATIONAL' ? 'Country' : 'Countries'}
            placeholder={form.countryCodes.length ? undefined : 'Search a country'}
            data={countryData}
            value={form.countryCodes}
            onChange={(value) => set('countryCodes', value)}
            searchable
            maxValues={form.scope === 'NATIONAL' ? 1 : undefined}
            error={fieldError('countryCodes')}
            limit={50}
          />
        )}
        {form.scope === 'NATIONAL' && (
          <Group align="flex-end" gap="lg">
            <Checkbox
              label="The host government has endorsed this proposal"
              checked={form.endorsed}
              onChange={(e) => set('endorsed', e.currentTarget.checked)}
            />
            <DateField
              label="Date of endorsement"
              value={form.endorsementDate}
              onChange={(value) => set('endorsementDate', value)}
              disabled={!form.endorsed}
              w={200}
            />
          </Group>
        )}
        <Violations items={forField('governmentEndorsement')} />
      </Stack>
    </FormSection>
  );
}

export function PartnersSection({
  editor,
  settings,
  reference: ref,
}: SectionProps & { reference: Reference }) {
  const { form, set, fieldError } = editor;
  const unEntities = useMemo(
    () =>
      ref.organizations
        .filter((o) => o.type === 'UN_ENTITY')
        .map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })),
    [ref.organizations],
  );
  return (
    <FormSection
      id={sectionAnchor('partners')}
      title="4. Participating UN organizations"
      description={`A joint programme has at least ${settings.minParticipatingOrganizations} PUNOs; the convening agency is one of them.`}
    >
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Select
            label="Convening agency"
            required
            data={unEntities}
            value={form.convenerCode}
            onChange={(value) => {
              set('convenerCode', value);
              if (value && !form.participatingOrgCodes.includes(value))
                set('participatingOrgCodes', [value, ...form.participatingOrgCodes]);
            }}
            searchable
            error={fieldError('convenerCode')}
            comboboxProps={{ width: 420 }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <MultiSelect
            label="Participating UN organizations (PUNOs)"
            required
            data={unEntities}
            value={form.participatingOrgCodes}
            onChange={(value) => set('participatingOrgCodes', value)}
            searchable
            error={fieldError('participatingOrgCodes')}
            comboboxProps={{ width: 420 }}
          />
        </Grid.Col>
      </Grid>
    </FormSection>
  );
}

export function MarkersSection({ editor, settings }: SectionProps) {
  const { form, set, fieldError } = editor;
  const belowMinimum = (key: keyof FormState['markers']) =>
    Number(form.markers[key]) < (settings.minMarkers[key] ?? 0)
      ? `Below the fund minimum of ${settings.minMarkers[key]}`
      : undefined;
  return (
    <FormSection
      id={sectionAnchor('markers')}
      title="5. Markers"
      description={`UN marker scale 0–3. Fund minimum: gender ${settings.minMarkers.gender}, human rights ${settings.minMarkers.humanRights}, child sensitivity ${settings.minMarkers.childSensitivity}.`}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {(
          [
            ['gender', 'Gender marker'],
            ['humanRights', 'Human rights marker'],
            ['childSensitivity', 'Child-sensitivity marker'],
          ] as const
        ).map(([key, label]) => (
          <Select
            key={key}
            label={label}
            data={MARKER_SCALE}
            value={form.markers[key]}
            allowDeselect={false}
            onChange={(value) => set('markers', { ...form.markers, [key]: value ?? '0' })}
            error={fieldError(`markers.${key}`) ?? belowMinimum(key)}
          />
        ))}
      </SimpleGrid>
    </FormSection>
  );
}
