import { Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { proposalQueries } from '../api/queries/proposals';
import { useReference } from '../api/reference';
import type { Recommendation } from '../api/models';
import { formatDateTime } from '../lib/format';
import { EmptyState, ErrorState, LoadingState } from './states';
import { StatTile } from './ui';

export const RECOMMENDATION_COLOR: Record<Recommendation, string> = {
  APPROVE: 'teal',
  REVISE: 'orange',
  REJECT: 'red',
};
export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  APPROVE: 'Approve',
  REVISE: 'Revise',
  REJECT: 'Reject',
};

export function score(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return Number(value).toFixed(1);
}

/** The reviews of a proposal and their weighted summary (GET /proposals/:id/reviews). */
export function ReviewsPanel({ proposalId }: { proposalId: string }) {
  const ref = useReference();
  const query = useQuery(proposalQueries.reviews(proposalId));
  if (query.isLoading) return <LoadingState rows={3} label="Loading reviews…" />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.status === 403)
      return (
        <EmptyState
          title="Reviews are shown after your own"
          description="To keep reviews independent, the other members' scores appear once you have submitted your review (or declared a conflict)."
        />
      );
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const data = query.data!;
  if (data.visibility === 'OWN_ONLY' && data.reviews.length === 0)
    return (
      <EmptyState
        title="Reviews are shown after your own"
        description="To keep reviews independent, the other members' scorecards appear once you have submitted yours."
      />
    );
  if (data.reviews.length === 0)
    return (
      <EmptyState
        title="No reviews yet"
        description="Steering Committee members' scorecards will appear here."
      />
    );
  const criterionTitle = (code: string) => ref.criteria.find((c) => c.code === code)?.title ?? code;
  return (
    <Stack>
      {data.summary && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <StatTile
            label="Weighted score"
            value={`${score(data.summary.weightedScore)} / 100`}
            testId="weighted-score"
            hint={`${data.summary.count} counted review${data.summary.count === 1 ? '' : 's'}`}
          />
          <StatTile label="Approve" value={data.summary.recommendations.APPROVE ?? 0} color="teal" />
          <StatTile label="Revise" value={data.summary.recommendations.REVISE ?? 0} color="orange" />
          <StatTile label="Reject" value={data.summary.recommendations.REJECT ?? 0} color="red" />
        </SimpleGrid>
      )}
      {data.reviews.map((review) => (
        <Card withBorder key={review.id} radius="md">
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={600}>{review.reviewer.name}</Text>
              {review.reviewer.organizationCode && (
                <Badge variant="outline" color="gray">
                  {review.reviewer.organizationCode}
                </Badge>
              )}
              {review.counted === false && (
                <Badge color="gray" variant="filled">
                  Recused · not counted
                </Badge>
              )}
            </Group>
            <Group gap="xs">
              <Text size="sm">Score {score(review.weightedScore)}</Text>
              <Badge color={RECOMMENDATION_COLOR[review.recommendation]} variant="light">
                {RECOMMENDATION_LABEL[review.recommendation]}
              </Badge>
            </Group>
          </Group>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {review.scores.map((s) => (
                <Table.Tr key={s.criterionCode}>
                  <Table.Td w="55%">{criterionTitle(s.criterionCode)}</Table.Td>
                  <Table.Td w="35%">
                    <Progress value={(s.score / 5) * 100} aria-label={`${s.score} out of 5`} />
                  </Table.Td>
                  <Table.Td className="num">{s.score} / 5</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {review.comment && (
            <Text size="sm" mt="xs" c="dark.6" style={{ whiteSpace: 'pre-wrap' }}>
              “{review.comment}”
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            {formatDateTime(review.submittedAt)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
