import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { data, http, sessionStore, setToken, setUnauthorizedHandler } from '../api/client';
import type { S } from '../api/models';
import type { Permission } from './permissions';
import { scopeOf, type Scope } from './scope';

/** The signed-in user as GET /me gives it, with the permissions the API's table grants. */
export type SessionUser = S['MeDto'];

interface AuthState {
  user: SessionUser | null;
  login(email: string, password: string): Promise<SessionUser>;
  logout(reason?: string): void;
  can(permission: Permission): boolean;
  /** Which records the user's views cover (own organization or the whole fund), from the same permissions. */
  scope: Scope;
  /** Why the last session ended (shown on the login page). */
  endedReason: string | null;
}

const AuthContext = createContext<AuthState | null>(null);

function initialUser(): SessionUser | null {
  const saved = sessionStore.load();
  if (!saved?.accessToken) return null;
  setToken(saved.accessToken);
  return saved.user as SessionUser;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(initialUser);
  const [endedReason, setEndedReason] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const logout = useCallback(
    (reason?: string) => {
      sessionStore.clear();
      setToken(null);
      setUser(null);
      setEndedReason(reason ?? null);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => logout('Your session has ended. Please sign in again.'));
  }, [logout]);

  const login = useCallback(async (email: string, password: string) => {
    const response = await data(http.POST('/api/v1/auth/login', { body: { email, password } }));
    setToken(response.accessToken);
    // The session is the user as /me gives it: with the permissions the screens show and hide by.
    const me = await data(http.GET('/api/v1/me'));
    sessionStore.save({ accessToken: response.accessToken, user: me });
    setEndedReason(null);
    setUser(me);
    return me;
  }, []);

  const value = useMemo<AuthState>(() => {
    // A session saved before /me carried permissions grants nothing until the next sign-in.
    const permissions = new Set<string>(user?.permissions ?? []);
    const can = (permission: Permission) => permissions.has(permission);
    return { user, login, logout, endedReason, can, scope: scopeOf(can) };
  }, [user, login, logout, endedReason]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
