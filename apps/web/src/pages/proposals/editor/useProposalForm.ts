import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, data, http } from '../../../api/client';
import { proposalQueries } from '../../../api/queries/proposals';
import type { ErrorDetail } from '../../../api/client';
import type { Proposal } from '../../../api/models';
import { useAuth } from '../../../auth/auth';
import { EDITABLE_STATUSES } from '../../../lib/format';
import { bodyOf, emptyForm, formOf, sectionOf, type FormState } from './proposal-form';

export type ViolationKind = 'eligibility' | 'input';

/**
 * The proposal editor's state: the form as typed, the problems the API reported (by field), and
 * saving / submitting. The sections only read and set through it.
 */
export function useProposalForm(routeId: string | undefined, onProblems: () => void) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [proposalId, setProposalId] = useState<string | undefined>(routeId);
  const [form, setForm] = useState<FormState>(() => emptyForm(user?.organizationCode ?? null));
  const [violations, setViolations] = useState<ErrorDetail[]>([]);
  const [violationKind, setViolationKind] = useState<ViolationKind | null>(null);
  const [saving, setSaving] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const existing = useQuery({ ...proposalQueries.detail(routeId ?? ''), enabled: !!routeId });
  // The form follows each version of the proposal the server gives (on load and after a save).
  const [shown, setShown] = useState<Proposal | undefined>(undefined);
  if (existing.data && existing.data !== shown) {
    setShown(existing.data);
    setForm(formOf(existing.data));
  }

  // A field's problem goes away as soon as it is changed (it is checked again at the next save).
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setViolations((current) => current.filter((v) => !touches(v.field, key as string)));
  };
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
      ? await data(http.PATCH('/api/v1/proposals/{id}', { params: { path: { id: proposalId } }, body }))
      : await data(http.POST('/api/v1/proposals', { body }));
    setProposalId(saved.id);
    queryClient.setQueryData(proposalQueries.detail(saved.id).queryKey, saved);
    void queryClient.invalidateQueries({ queryKey: proposalQueries.lists() });
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
    requestAnimationFrame(onProblems);
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
      // A new draft moves to its own address on its first save: a refresh keeps it, documents attach.
      if (!routeId) void navigate(`/proposals/${saved.id}/edit`, { replace: true });
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
      const submitted = await data(
        http.POST('/api/v1/proposals/{id}/submit', { params: { path: { id: saved.id } } }),
      );
      queryClient.setQueryData(proposalQueries.detail(submitted.id).queryKey, submitted);
      void queryClient.invalidateQueries({ queryKey: proposalQueries.lists() });
      notifications.show({
        color: 'teal',
        title: 'Proposal submitted',
        message: `${submitted.reference} was submitted as revision ${submitted.version}. The Fund Management Unit will screen it.`,
      });
      void navigate(`/proposals/${submitted.id}`);
    } catch (caught) {
      showProblems(caught);
    } finally {
      setSaving(null);
    }
  }

  return {
    existing,
    proposalId,
    form,
    set,
    editable,
    saving,
    error,
    violations,
    violationKind,
    bySection,
    forField,
    fieldError,
    onSave,
    onSubmit,
  };
}

export type ProposalForm = ReturnType<typeof useProposalForm>;

/** Whether a problem reported on `field` (e.g. "budgetLines.0.amount") is about form key `key`. */
function touches(field: string | undefined, key: string): boolean {
  if (!field) return false;
  const related: Record<string, string[]> = {
    endorsed: ['governmentEndorsement'],
    endorsementDate: ['governmentEndorsement'],
    participatingOrgCodes: ['participatingOrgCodes', 'budgetLines'],
    budget: ['budgetLines'],
    scope: ['scope', 'countryCodes'],
  };
  return (related[key] ?? [key]).some(
    (name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`),
  );
}
