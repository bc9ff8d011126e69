import {
  ActionIcon,
  Button,
  FileInput,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, download, errorMessage, http } from '../../api/client';
import type { ProposalDocument } from '../../api/models';
import { proposalQueries } from '../../api/queries/proposals';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { ListTable } from '../../components/ListTable';

const KINDS = [
  { value: 'CONCEPT_NOTE', label: 'Concept note' },
  { value: 'PROGRAMME_DOCUMENT', label: 'Programme document' },
  { value: 'ENDORSEMENT_LETTER', label: 'Endorsement letter' },
  { value: 'BUDGET', label: 'Budget' },
  { value: 'OTHER', label: 'Other' },
];

const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;

/** A document kind in a sentence ("the concept note"). */
export const documentKindLabel = (kind: string) => `the ${kindLabel(kind).toLowerCase()}`;

function size(bytes: number) {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function DocumentsPanel({ proposalId, editable }: { proposalId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string | null>('CONCEPT_NOTE');
  // Deleting is asked for twice: the file is gone for every partner once confirmed.
  const [toDelete, setToDelete] = useState<ProposalDocument | null>(null);
  const documents = useQuery(proposalQueries.documents(proposalId));
  // ['proposal', id] covers the documents list too.
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: proposalQueries.detail(proposalId).queryKey });
  const upload = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/documents', {
          params: { path: { id: proposalId } },
          // A multipart body: the file itself, not the string the document types it as.
          body: { file: '', kind: (kind ?? undefined) as ProposalDocument['kind'] | undefined },
          bodySerializer: () => {
            const body = new FormData();
            body.append('file', file!);
            if (kind) body.append('kind', kind);
            return body;
          },
        }),
      ),
    onSuccess: (doc) => {
      setFile(null);
      refresh();
      notifications.show({ color: 'teal', message: `${doc.filename} attached.` });
    },
  });
  const remove = useMutation({
    mutationFn: (documentId: string) =>
      data(
        http.DELETE('/api/v1/proposals/{id}/documents/{documentId}', {
          params: { path: { id: proposalId, documentId } },
        }),
      ),
    onSuccess: () => {
      setToDelete(null);
      refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(error) }),
  });

  return (
    <Stack>
      {editable && (
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Document type"
            data={KINDS}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            w={220}
          />
          <FileInput
            label="File"
            placeholder="PDF, Word, Excel or image"
            leftSection={<IconPaperclip size={16} />}
            value={file}
            onChange={setFile}
            accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg,.csv,.txt"
            clearable
            w={{ base: '100%', sm: 320 }}
          />
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => upload.mutate()}
          >
            Upload
          </Button>
        </Group>
      )}
      {upload.error && <ErrorState error={upload.error} title="The document was not uploaded" />}
      {documents.isLoading ? (
        <LoadingState rows={2} label="Loading documents…" />
      ) : documents.error ? (
        <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data && documents.data.length > 0 ? (
        <ListTable>
          <Table aria-label="Documents" miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Uploaded</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {documents.data.map((doc) => (
                <Table.Tr key={doc.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {doc.filename}
                    </Text>
                  </Table.Td>
                  <Table.Td>{kindLabel(doc.kind)}</Table.Td>
                  <Table.Td>{size(doc.bytes)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDateTime(doc.uploadedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label="Download">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Download ${doc.filename}`}
                          onClick={() =>
                            void download(
                              http.GET('/api/v1/proposals/{id}/documents/{documentId}', {
                                params: { path: { id: proposalId, documentId: doc.id } },
                                parseAs: 'blob',
                              }),
                              doc.filename,
                            ).catch((error) =>
                              notifications.show({ color: 'red', message: errorMessage(error) }),
                            )
                          }
                        >
                          <IconDownload size={18} />
                        </ActionIcon>
                      </Tooltip>
                      {editable && (
                        <Tooltip label="Delete">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${doc.filename}`}
                            onClick={() => setToDelete(doc)}
                          >
                            <IconTrash size={18} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ListTable>
      ) : (
        <Text size="sm" c="dimmed">
          No documents attached yet.
        </Text>
      )}
      <Modal
        opened={!!toDelete}
        onClose={() => setToDelete(null)}
        title={`Delete ${toDelete?.filename ?? 'the document'}?`}
        centered
      >
        <Stack>
          <Text size="sm">The file is removed from the proposal for every partner agency.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setToDelete(null)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => toDelete && remove.mutate(toDelete.id)}
            >
              Delete document
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
