import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconSend } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useReference } from '../../api/reference';
import type { ErrorDetail, Proposal, ProposalBody } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, Section, StatusBadge } from '../../components/ui';
import { EDITABLE_STATUSES, MARKER_SCALE } from '../../lib/format';
import { applyRate, centsToDecimal, formatMoney, MONEY_PATTERN, parseCents } from '../../lib/money';
import { DocumentsPanel } from './DocumentsPanel';

type Scope = ProposalBody['scope'];
type Stage = ProposalBody['stage'];

interface FormState {
  title: string;
  summary: string;
  stage: Stage;
  scope: Scope;
  durationMonths: number | '';
  thematicAreaCode: string | null;
  gcmObjectiveCodes: string[];
  countryCodes: string[];
  convenerCode: string | null;
  participatingOrgCodes: string[];
  markers: { gender: string; humanRights: string; childSensitivity: string };
  endorsed: boolean;
  endorsementDate: string;
  /** `${orgCode}|${categoryCode}` → amount as typed */
  budget: Record<string, string>;
}

const DIRECT_CATEGORIES = [1, 2, 3, 4, 5, 6, 7];

function emptyForm(orgCode: string | null): FormState {
  return {
    title: '',
    summary: '',
    stage: 'CONCEPT_NOTE',
    scope: 'NATIONAL',
    durationMonths: 24,
    thematicAreaCode: null,
    gcmObjectiveCodes: [],
    countryCodes: [],
    convenerCode: orgCode,
    participatingOrgCodes: orgCode ? [orgCode] : [],
    markers: { gender: '2', humanRights: '2', childSensitivity: '2' },
    endorsed: false,
    endorsementDate: '',
    budget: {},
  };
}

function formOf(p: Proposal): FormState {
  const budget: Record<string, string> = {};
  for (const line of p.budgetLines) budget[`${line.orgCode}|${line.categoryCode}`] = line.amount;
  return {
    title: p.title,
    summary: p.summary,
    stage: p.stage,
    scope: p.scope,
    durationMonths: p.durationMonths,
    thematicAreaCode: String(p.thematicAreaCode),
    gcmObjectiveCodes: p.gcmObjectiveCodes.map(String),
    countryCodes: p.countryCodes,
    convenerCode: p.convenerCode,
    participatingOrgCodes: p.participatingOrgCodes,
    markers: {
      gender: String(p.markers.gender),
      humanRights: String(p.markers.humanRights),
      childSensitivity: String(p.markers.childSensitivity),
    },
    endorsed: p.governmentEndorsement?.endorsed ?? false,
    endorsementDate: p.governmentEndorsement?.date ?? '',
    budget,
  };
}

function bodyOf(form: FormState): ProposalBody {
  const budgetLines = Object.entries(form.budget)
    .map(([key, amount]) => {
      const [orgCode, category] = key.split('|');
      return { orgCode, categoryCode: Number(category), amount: amount.trim().replace(/,/g, '') };
    })
    .filter(
      (line) =>
        form.participatingOrgCodes.includes(line.orgCode) &&
        line.amount !== '' &&
        parseCents(line.amount) > 0n,
    )
    .map((line) => ({
      ...line,
      amount: MONEY_PATTERN.test(line.amount) ? centsToDecimal(parseCents(line.amount)) : line.amount,
    }));
  return {
    title: form.title,
    summary: form.summary,
    stage: form.stage,
    scope: form.scope,
    durationMonths: form.durationMonths === '' ? 0 : Number(form.durationMonths),
    thematicAreaCode: Number(form.thematicAreaCode ?? 0),
    gcmObjectiveCodes: form.gcmObjectiveCodes.map(Number),
    countryCodes: form.scope === 'GLOBAL' ? [] : form.countryCodes,
    convenerCode: form.convenerCode ?? '',
    participatingOrgCodes: form.participatingOrgCodes,
    markers: {
      gender: Number(form.markers.gender),
      humanRights: Number(form.markers.humanRights),
      childSensitivity: Number(form.markers.childSensitivity),
    },
    governmentEndorsement:
      form.scope === 'NATIONAL'
        ? { endorsed: form.endorsed, date: form.endorsementDate || undefined }
        : undefined,
    budgetLines,
  };
}

/** Where each violation shows: a section of the form, by the API's `field`. */
function sectionOf(field: string | undefined): string {
  if (!field) return 'general';
  if (field.startsWith('budgetLines')) return 'budget';
  if (field.startsWith('markers')) return 'markers';
  if (['participatingOrgCodes', 'convenerCode'].includes(field)) return 'partners';
  if (['countryCodes', 'governmentEndorsement', 'scope'].some((f) => field.startsWith(f))) return 'geography';
  if (['gcmObjectiveCodes', 'thematicAreaCode'].includes(field)) return 'classification';
  return 'general';
}

function Violations({ items, id }: { items: ErrorDetail[]; id?: string }) {
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

export function ProposalEditorPage() {
  const { id: routeId } = useParams();
  const { user } = useAuth();
  const ref = useReference();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [proposalId, setProposalId] = useState<string | undefined>(routeId);
  const [form, setForm] = useState<FormState>(() => emptyForm(user?.organizationCode ?? null));
  const [violations, setViolations] = useState<ErrorDetail[]>([]);
  const [violationKind, setViolationKind] = useState<'eligibility' | 'input' | null>(null);
  const [saving, setSaving] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const existing = useQuery({
    queryKey: ['proposal', routeId],
    queryFn: () => api.get<Proposal>(`/proposals/${routeId}`),
    enabled: !!routeId,
  });
  useEffect(() => {
    if (existing.data) setForm(formOf(existing.data));
  }, [existing.data]);

  const settings = ref.settings;
  const rate = settings?.indirectRate ?? '0.07';
  const unEntities = useMemo(
    () =>
      ref.organizations
        .filter((o) => o.type === 'UN_ENTITY')
        .map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })),
    [ref.organizations],
  );
  const area = ref.areas.find((a) => String(a.code) === form.thematicAreaCode);
  const mapped = new Set((area?.gcmObjectiveCodes ?? []).map(String));
  const objectiveData = useMemo(() => {
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
  const countryData = useMemo(
    () => ref.countries.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })),
    [ref.countries],
  );

  // Live budget: direct per PUNO, indirect at the fund rate (rounded per PUNO as the API does), totals.
  const budget = useMemo(() => {
    const punos = form.participatingOrgCodes;
    const cell = (org: string, cat: number) => parseCents(form.budget[`${org}|${cat}`]);
    const byOrg = punos.map((org) => {
      const direct = DIRECT_CATEGORIES.reduce((sum, cat) => sum + cell(org, cat), 0n);
      const indirect = applyRate(direct, rate);
      return { org, direct, indirect, total: direct + indirect };
    });
    const byCategory = DIRECT_CATEGORIES.map((cat) => punos.reduce((sum, org) => sum + cell(org, cat), 0n));
    const direct = byOrg.reduce((sum, o) => sum + o.direct, 0n);
    const indirect = byOrg.reduce((sum, o) => sum + o.indirect, 0n);
    return { byOrg, byCategory, direct, indirect, total: direct + indirect };
  }, [form.participatingOrgCodes, form.budget, rate]);
  const ceiling = settings ? parseCents(settings.budgetCeiling) : null;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const bySection = (section: string) => violations.filter((v) => sectionOf(v.field) === section);
  const forField = (field: string) =>
    violations.filter((v) => v.field === field || v.field?.startsWith(`${field}.`));
  const fieldError = (field: string) => {
    const items = forField(field);
    return items.length ? items.map((v) => v.message).join(' · ') : undefined;
  };

  const editable = !existing.data || EDITABLE_STATUSES.includes(existing.data.status);

  async function save(): Promise<Proposal> {
    const body = bodyOf(form);
    const saved = proposalId
      ? await api.patch<Proposal>(`/proposals/${proposalId}`, body)
      : await api.post<Proposal>('/proposals', body);
    setProposalId(saved.id);
    queryClient.setQueryData(['proposal', saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ['proposals'] });
    return saved;
  }

  function showProblems(caught: unknown) {
    if (
      caught instanceof ApiError &&
      (caught.status === 422 || caught.status === 400) &&
      caught.details.length > 0
    ) {
      setViolations(caught.details);
      setViolationKind(caught.status === 422 ? 'eligibility' : 'input');
      setError(null);
    } else {
      setViolations([]);
      setViolationKind(null);
      setError(caught);
    }
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function onSave() {
    setSaving('save');
    try {
      const saved = await save();
      setViolations([]);
      setViolationKind(null);
      setError(null);
      notifications.show({
        color: 'teal',
        title: 'Draft saved',
        message: `${saved.reference} is saved as a draft.`,
      });
    } catch (caught) {
      showProblems(caught);
    } finally {
      setSaving(null);
    }
  }

  async function onSubmit() {
    setSaving('submit');
    try {
      const saved = await save();
      const submitted = await api.post<Proposal>(`/proposals/${saved.id}/submit`);
      queryClient.setQueryData(['proposal', submitted.id], submitted);
      void queryClient.invalidateQueries({ queryKey: ['proposals'] });
      notifications.show({
        color: 'teal',
        title: 'Proposal submitted',
        message: `${submitted.reference} was submitted as revision ${submitted.version}. The Fund Management Unit will screen it.`,
      });
      navigate(`/proposals/${submitted.id}`);
    } catch (caught) {
      showProblems(caught);
    } finally {
      setSaving(null);
    }
  }

  if (routeId && existing.isLoading) return <LoadingState label="Loading the proposal…" />;
  if (routeId && existing.error)
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  if (ref.error) return <ErrorState error={ref.error} onRetry={ref.refetch} />;

  const title = existing.data ? `Edit ${existing.data.reference}` : 'New joint programme proposal';
  const belowMinimum = (key: keyof FormState['markers']) =>
    settings && Number(form.markers[key]) < (settings.minMarkers[key] ?? 0)
      ? `Below the fund minimum of ${settings.minMarkers[key]}`
      : undefined;

  const sectionAnchor = (section: string) => `section-${section}`;
  const SECTION_TITLE: Record<string, string> = {
    general: 'General',
    classification: 'Thematic area and GCM objectives',
    geography: 'Scope and countries',
    partners: 'Participating UN organizations',
    markers: 'Markers',
    budget: 'Budget',
  };

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
        {violations.length > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle />}
            title={
              violationKind === 'eligibility'
                ? `The proposal is not eligible yet: ${violations.length} problem${violations.length === 1 ? '' : 's'} to fix`
                : `Please correct ${violations.length} field${violations.length === 1 ? '' : 's'}`
            }
            data-testid="violation-summary"
          >
            <Text size="sm" mb={6}>
              {violationKind === 'eligibility'
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
        )}
        {error !== null && <ErrorState error={error} title="The proposal could not be saved" />}
      </div>

      <fieldset
        disabled={!editable || saving !== null}
        style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        <Stack gap="lg">
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
                    description={
                      settings
                        ? `Between ${settings.minDurationMonths} and ${settings.maxDurationMonths} months`
                        : undefined
                    }
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
                  <TextInput
                    type="date"
                    label="Date of endorsement"
                    value={form.endorsementDate}
                    onChange={(e) => set('endorsementDate', e.currentTarget.value)}
                    disabled={!form.endorsed}
                    w={200}
                  />
                </Group>
              )}
              <Violations items={forField('governmentEndorsement')} />
            </Stack>
          </FormSection>

          <FormSection
            id={sectionAnchor('partners')}
            title="4. Participating UN organizations"
            description={
              settings
                ? `A joint programme has at least ${settings.minParticipatingOrganizations} PUNOs; the convening agency is one of them.`
                : undefined
            }
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

          <FormSection
            id={sectionAnchor('markers')}
            title="5. Markers"
            description={
              settings
                ? `UN marker scale 0–3. Fund minimum: gender ${settings.minMarkers.gender}, human rights ${settings.minMarkers.humanRights}, child sensitivity ${settings.minMarkers.childSensitivity}.`
                : 'UN marker scale 0–3.'
            }
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

          <FormSection
            id={sectionAnchor('budget')}
            title="6. Budget (US$)"
            description={`Direct costs per PUNO in UNSDG categories 1–7. Indirect support costs (category 8) are computed at ${(Number(rate) * 100).toFixed(1)} % of each PUNO's direct costs.${ceiling !== null ? ` The fund ceiling is ${formatMoney(ceiling)}.` : ''}`}
          >
            {form.participatingOrgCodes.length === 0 ? (
              <Text c="dimmed" size="sm">
                Add participating organizations to enter their budgets.
              </Text>
            ) : (
              <ScrollArea type="auto">
                <Table
                  className="budget-grid"
                  withTableBorder
                  withColumnBorders
                  miw={320 + form.participatingOrgCodes.length * 170}
                  aria-label="Budget by PUNO and category"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Category</Table.Th>
                      {form.participatingOrgCodes.map((org) => (
                        <Table.Th key={org} scope="col" className="num">
                          {org}
                        </Table.Th>
                      ))}
                      <Table.Th scope="col" className="num">
                        Total
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {DIRECT_CATEGORIES.map((cat, index) => {
                      const category = ref.categories.find((c) => c.code === cat);
                      return (
                        <Table.Tr key={cat}>
                          <Table.Th scope="row" fw={500}>
                            <Text size="sm">
                              {cat}. {category?.title ?? `Category ${cat}`}
                            </Text>
                          </Table.Th>
                          {form.participatingOrgCodes.map((org) => {
                            const key = `${org}|${cat}`;
                            const value = form.budget[key] ?? '';
                            const invalid = value !== '' && !MONEY_PATTERN.test(value.replace(/,/g, ''));
                            return (
                              <Table.Td key={org} p={4}>
                                <TextInput
                                  aria-label={`${org}, ${category?.title ?? `category ${cat}`}`}
                                  inputMode="decimal"
                                  placeholder="0.00"
                                  value={value}
                                  onChange={(e) =>
                                    set('budget', { ...form.budget, [key]: e.currentTarget.value })
                                  }
                                  error={invalid}
                                  size="sm"
                                  variant="filled"
                                />
                              </Table.Td>
                            );
                          })}
                          <Table.Td className="num">
                            <Money value={budget.byCategory[index]} currency={null} />
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">Direct costs (1–7)</Table.Th>
                      {budget.byOrg.map((o) => (
                        <Table.Td key={o.org} className="num">
                          <Money value={o.direct} currency={null} />
                        </Table.Td>
                      ))}
                      <Table.Td className="num">
                        <Money value={budget.direct} currency={null} strong />
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row">
                        8. Indirect support costs ({(Number(rate) * 100).toFixed(1)} %)
                      </Table.Th>
                      {budget.byOrg.map((o) => (
                        <Table.Td key={o.org} className="num" data-testid={`indirect-${o.org}`}>
                          <Money value={o.indirect} currency={null} />
                        </Table.Td>
                      ))}
                      <Table.Td className="num" data-testid="indirect-total">
                        <Money value={budget.indirect} currency={null} strong />
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr bg="un.0">
                      <Table.Th scope="row">Total</Table.Th>
                      {budget.byOrg.map((o) => (
                        <Table.Td key={o.org} className="num">
                          <Money value={o.total} currency={null} strong />
                        </Table.Td>
                      ))}
                      <Table.Td className="num" data-testid="budget-total">
                        <Money value={budget.total} strong />
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </ScrollArea>
            )}
            {ceiling !== null && budget.total > ceiling && (
              <Text size="sm" c="orange.9" mt="xs">
                The total is above the fund ceiling of {formatMoney(ceiling)}.
              </Text>
            )}
            <Violations items={bySection('budget')} />
          </FormSection>
        </Stack>
      </fieldset>

      <Paper withBorder radius="md" p="lg">
        <Title order={2} size="h4" mb="xs">
          7. Documents
        </Title>
        {proposalId ? (
          <DocumentsPanel proposalId={proposalId} editable={editable} />
        ) : (
          <Text size="sm" c="dimmed">
            Save the draft once to attach the concept note, the endorsement letter and other documents.
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
              onClick={() => void onSave()}
              loading={saving === 'save'}
              disabled={!editable || saving === 'submit'}
            >
              Save draft
            </Button>
            <Button
              leftSection={<IconSend size={18} />}
              onClick={() => void onSubmit()}
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

function FormSection({
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
