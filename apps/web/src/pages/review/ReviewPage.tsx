import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { reviewQueries } from '../../api/queries/review';
import { proposalQueries } from '../../api/queries/proposals';
import { useReference } from '../../api/reference';
import type { Recommendation } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { RECOMMENDATION_LABEL, ReviewsPanel } from '../../components/ReviewsPanel';
import { ErrorState, LoadingState } from '../../components/states';
import { Field, Money, PageHeader, Section, StatusBadge } from '../../components/ui';
import { DueBadge } from './ReviewQueuePage';

const SCORE_LABEL = ['', 'Poor', 'Weak', 'Adequate', 'Good', 'Excellent'];

export function ReviewPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const ref = useReference();
  const queryClient = useQueryClient();
  const proposal = useQuery(proposalQueries.detail(id));
  const reviews = useQuery(proposalQueries.reviews(id));
  // Whether I may review it: my organization is a PUNO, or I declared a conflict (every round).
  const recusal = useQuery(proposalQueries.recusal(id));
  const [scores, setScores] = useState<Record<string, string>>({});
  const [recommendation, setRecommendation] = useState<Recommendation | null>(null);
  const [comment, setComment] = useState('');
  const [conflictOpen, setConflictOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [recused, setRecused] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState(false);

  const weighted = useMemo(() => {
    // Σ weight × (score − 1) / 4 over the criteria (weights sum to 100): the API's formula.
    let sum = 0;
    let weights = 0;
    for (const c of ref.criteria) {
      const s = Number(scores[c.code]);
      if (!s) continue;
      sum += c.weight * (s - 1);
      weights += c.weight;
    }
    return weights === 0 ? null : (100 * sum) / (4 * weights);
  }, [ref.criteria, scores]);

  const submit = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/reviews', {
          params: { path: { id } },
          body: {
            scores: ref.criteria.map((c) => ({ criterionCode: c.code, score: Number(scores[c.code]) })),
            recommendation: recommendation!, // submit is offered only once one is chosen (canSubmit)
            comment,
          },
        }),
      ),
    onSuccess: () => {
      setSubmitted(true);
      notifications.show({
        color: 'teal',
        title: 'Review submitted',
        message: 'Your scorecard is recorded. The other members’ reviews are now visible.',
      });
      void queryClient.invalidateQueries({ queryKey: proposalQueries.reviews(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: proposalQueries.recusal(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: reviewQueries.queue().queryKey });
    },
  });
  const declare = useMutation({
    mutationFn: () =>
      data(http.POST('/api/v1/proposals/{id}/conflicts', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => {
      setRecused(true);
      setConflictOpen(false);
      notifications.show({
        color: 'gray',
        title: 'Conflict declared',
        message: 'You are recused from this proposal.',
      });
      void queryClient.invalidateQueries({ queryKey: proposalQueries.recusal(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: reviewQueries.queue().queryKey });
    },
  });

  if (proposal.isLoading || recusal.isLoading || reviews.isLoading)
    return <LoadingState label="Loading the proposal…" />;
  if (proposal.error) return <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />;
  const p = proposal.data!;
  const myOrgIsPuno =
    recusal.data?.reason === 'PUNO' ||
    (!!user?.organizationCode && p.participatingOrgCodes.includes(user.organizationCode));
  const ownReview = reviews.data?.reviews.find((r) => r.reviewer.id === user?.id);
  const done = submitted || !!recusal.data?.reviewedThisRound || !!ownReview;
  const isRecused =
    recused ||
    !!recusal.data?.recused ||
    myOrgIsPuno ||
    (submit.error instanceof ApiError && submit.error.status === 403);
  // Scorecards are taken only while the proposal is UNDER_REVIEW (the current round).
  const closed = (reviews.data?.status ?? p.status) !== 'UNDER_REVIEW';
  const missing = ref.criteria.filter((c) => !scores[c.code]);
  const canSubmit = missing.length === 0 && recommendation !== null && comment.trim().length > 0;

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[{ label: 'Review queue', to: '/review' }, { label: p.reference }]}
        title={`Review ${p.reference}`}
        badge={<StatusBadge status={p.status} />}
        description={p.title}
        actions={
          !done &&
          !isRecused &&
          !closed && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconAlertOctagon size={18} />}
              onClick={() => setConflictOpen(true)}
            >
              Declare a conflict of interest
            </Button>
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Section
              title="The proposal"
              actions={
                <Button component={Link} to={`/proposals/${p.id}`} variant="subtle" size="xs">
                  Open in full
                </Button>
              }
            >
              <Stack gap="sm">
                <Text size="sm" lineClamp={8} style={{ whiteSpace: 'pre-wrap' }}>
                  {p.summary}
                </Text>
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  <Field label="Thematic area">
                    <Text size="sm">{ref.areaTitle(p.thematicAreaCode)}</Text>
                  </Field>
                  <Field label="GCM objectives">
                    <Text size="sm">{p.gcmObjectiveCodes.join(', ')}</Text>
                  </Field>
                  <Field label="PUNOs">
                    <Text size="sm">
                      {p.participatingOrgCodes.join(', ')} (convener {p.convenerCode})
                    </Text>
                  </Field>
                  <Field label="Countries">
                    <Text size="sm">{p.countryCodes.map(ref.countryName).join(', ') || 'Global'}</Text>
                  </Field>
                  <Field label="Markers (G / HR / CS)">
                    <Text size="sm">
                      {p.markers.gender} / {p.markers.humanRights} / {p.markers.childSensitivity}
                    </Text>
                  </Field>
                  <Field label="Review due">
                    <DueBadge date={p.reviewDueDate} />
                  </Field>
                  <Field label="Requested">
                    <Money value={p.budget.total} strong />
                  </Field>
                  <Field label="Duration">
                    <Text size="sm">{p.durationMonths} months</Text>
                  </Field>
                </SimpleGrid>
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {isRecused ? (
            <Alert color="gray" title="You are recused from this proposal" icon={<IconAlertOctagon />}>
              {myOrgIsPuno
                ? `Your organization (${user?.organizationCode}) is one of its participating UN organizations, so you cannot review it.`
                : 'You declared a conflict of interest. Your score would not count.'}
            </Alert>
          ) : done || closed ? (
            <Stack>
              {done ? (
                <Alert color="teal" title="Your review is recorded">
                  Here are the reviews of the Steering Committee so far.
                </Alert>
              ) : (
                <Alert color="gray" title="This proposal is not under review">
                  Scorecards are taken while a proposal is under review; these are the reviews of its latest
                  round.
                </Alert>
              )}
              <ReviewsPanel proposalId={p.id} />
            </Stack>
          ) : (
            <Paper
              withBorder
              radius="md"
              p="lg"
              component="form"
              onSubmit={(e) => {
                e.preventDefault();
                setTouched(true);
                if (canSubmit) submit.mutate();
              }}
              aria-labelledby="scorecard-title"
            >
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4" id="scorecard-title">
                  Scorecard
                </Title>
                <Badge size="xl" variant="light" radius="sm" data-testid="live-score" aria-live="polite">
                  {weighted === null ? '— / 100' : `${weighted.toFixed(1)} / 100`}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" mb="md">
                Score each criterion from 1 (poor) to 5 (excellent). The weighted score is Σ weight × (score −
                1) ÷ 4.
              </Text>
              <Table verticalSpacing="sm" aria-label="Criteria">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Criterion</Table.Th>
                    <Table.Th className="num">Weight</Table.Th>
                    <Table.Th>Score</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ref.criteria.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>
                        <Text size="sm" fw={500} id={`criterion-${c.code}`}>
                          {c.title}
                        </Text>
                        <Text size="xs" c="dimmed" maw={340}>
                          {c.description}
                        </Text>
                        {touched && !scores[c.code] && (
                          <Text size="xs" c="red.8">
                            Give a score
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className="num">{c.weight} %</Table.Td>
                      <Table.Td>
                        <Radio.Group
                          value={scores[c.code] ?? ''}
                          onChange={(value) => setScores({ ...scores, [c.code]: value })}
                          // Mantine names the inner role="radiogroup" element only by its own label:
                          // the criterion's title, read by screen readers (shown in the first column).
                          label={c.title}
                          labelProps={{ className: 'sr-only' }}
                        >
                          {/* The five choices wrap in a phone's narrow column instead of widening the page. */}
                          <Group gap="xs" wrap="wrap">
                            {[1, 2, 3, 4, 5].map((n) => (
                              <Radio
                                key={n}
                                value={String(n)}
                                label={String(n)}
                                aria-label={`${n} — ${SCORE_LABEL[n]}`}
                                title={SCORE_LABEL[n]}
                              />
                            ))}
                          </Group>
                        </Radio.Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Radio.Group
                label="Recommendation"
                mt="md"
                value={recommendation ?? ''}
                onChange={(value) => setRecommendation(value as Recommendation)}
                error={touched && !recommendation ? 'Choose a recommendation' : undefined}
                withAsterisk
              >
                <Group mt={6}>
                  {(['APPROVE', 'REVISE', 'REJECT'] as Recommendation[]).map((r) => (
                    <Radio key={r} value={r} label={RECOMMENDATION_LABEL[r]} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label="Comment"
                description="Strengths, weaknesses and what should change."
                mt="md"
                autosize
                minRows={4}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={touched && !comment.trim() ? 'Write a short justification' : undefined}
                withAsterisk
              />
              {submit.error && (
                <Alert color="red" mt="md" title="The review was not recorded">
                  {errorMessage(submit.error)}
                </Alert>
              )}
              <Group justify="flex-end" mt="lg">
                <Button type="submit" leftSection={<IconSend size={18} />} loading={submit.isPending}>
                  Submit review
                </Button>
              </Group>
            </Paper>
          )}
        </Grid.Col>
      </Grid>

      <Modal
        opened={conflictOpen}
        onClose={() => setConflictOpen(false)}
        title="Declare a conflict of interest"
        centered
      >
        <Stack>
          <Text size="sm">
            You will be recused from this proposal for every review round. Your score would never count.
          </Text>
          <Textarea
            label="Reason"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          {declare.error && <ErrorState error={declare.error} title="Not recorded" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflictOpen(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={!reason.trim()}
              loading={declare.isPending}
              onClick={() => declare.mutate()}
            >
              Declare and recuse me
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
