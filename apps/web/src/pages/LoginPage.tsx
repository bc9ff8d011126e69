import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { useAuth } from '../auth/auth';

const DEMO = [
  ['iom.focal@mptf.test', 'Agency focal point (IOM)'],
  ['fmu@mptf.test', 'Fund Management Unit'],
  ['sc.undp@mptf.test', 'Steering Committee member'],
  ['chair@mptf.test', 'Steering Committee chair'],
  ['aa@mptf.test', 'Administrative Agent'],
  ['donor.deu@mptf.test', 'Contributor (Germany)'],
];

export function LoginPage() {
  const { user, login, endedReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value) ? null : 'Enter your e-mail address'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (user) return <Navigate to={from} replace />;

  const submit = form.onSubmit(async ({ email, password }) => {
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      void navigate(from, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  });

  return (
    <main className="login-bg">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={440} gap="lg">
          <Group gap="sm" justify="center">
            <img src="/favicon.svg" alt="" width={44} height={44} />
            <Stack gap={0}>
              <Title order={1} c="white" size="h2">
                Migration MPTF
              </Title>
              <Text c="un.1" size="sm">
                UN Migration Multi-Partner Trust Fund
              </Text>
            </Stack>
          </Group>
          <Paper radius="lg" p="xl" shadow="xl">
            <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
              <Stack>
                <div>
                  <Title order={2} size="h3">
                    Sign in
                  </Title>
                  <Text size="sm" c="dimmed">
                    Joint programme proposals, Steering Committee review, funding and results.
                  </Text>
                </div>
                {endedReason && !error && (
                  <Alert color="yellow" variant="light">
                    {endedReason}
                  </Alert>
                )}
                {error && (
                  <Alert color="red" variant="light" id="login-error" role="alert" title="Sign-in failed">
                    {error}
                  </Alert>
                )}
                <TextInput
                  label="E-mail"
                  type="email"
                  autoComplete="username"
                  required
                  autoFocus
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={busy} size="md" fullWidth>
                  Sign in
                </Button>
              </Stack>
            </form>
          </Paper>
          {import.meta.env.MODE !== 'production-no-demo' && (
            <Paper radius="lg" p="md" bg="rgba(255,255,255,0.08)" c="white">
              <Text size="sm" fw={600} mb={4}>
                Demo accounts (password demo1234)
              </Text>
              <Table verticalSpacing={2} fz="xs" c="un.0" highlightOnHover={false}>
                <Table.Tbody>
                  {DEMO.map(([email, label]) => (
                    <Table.Tr key={email}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          c="white"
                          fz="xs"
                          onClick={() => form.setValues({ email, password: 'demo1234' })}
                        >
                          {email}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{label}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      </Center>
    </main>
  );
}
