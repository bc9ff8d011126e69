import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ALL_ROLES, hasPermission, IS_PUBLIC, Permission, REQUIRED_PERMISSION, Role } from '@mptf/identity';
import type { TestContext } from './test-context';

export interface RouteInfo {
  method: string;
  path: string;
  permission: Permission | undefined;
  isPublic: boolean;
  handler: string;
}

const API_PREFIX = '/api/v1';
const UNPREFIXED = ['health'];

function join(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((part) => part.split('/'))
      .filter(Boolean)
      .join('/')
  );
}

/** Every HTTP route of the application with the permission it declares (read from the decorators). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const controllerPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
        const permission =
          (Reflect.getMetadata(REQUIRED_PERMISSION, fn) as Permission | undefined) ??
          (Reflect.getMetadata(REQUIRED_PERMISSION, controller) as Permission | undefined);
        const isPublic = Boolean(
          Reflect.getMetadata(IS_PUBLIC, fn) ?? Reflect.getMetadata(IS_PUBLIC, controller),
        );
        for (const base of controllerPaths) {
          for (const sub of ([] as string[]).concat(methodPaths)) {
            const local = join(base, sub);
            const path = UNPREFIXED.includes(local.split('/')[1]) ? local : join(API_PREFIX, local);
            routes.push({ method, path, permission, isPublic, handler: `${controller.name}.${name}` });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Replaces route parameters with values of the right shape that match no record. */
export function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    if (/code$/i.test(name)) return '1';
    if (/version|^[ab]$/i.test(name)) return '1';
    if (name === 'year') return '2026';
    if (name === 'key') return 'executive-summary';
    return '00000000-0000-4000-8000-000000000000';
  });
}

/** One demo user per role (api.md's demo users). */
export const USER_BY_ROLE: Record<Role, string> = {
  [Role.ADMIN]: 'admin@mptf.test',
  [Role.FMU_OFFICER]: 'fmu@mptf.test',
  [Role.AA_OFFICER]: 'aa@mptf.test',
  [Role.SC_CHAIR]: 'chair@mptf.test',
  [Role.SC_MEMBER]: 'sc.undp@mptf.test',
  [Role.AGENCY_FOCAL_POINT]: 'iom.focal@mptf.test',
  [Role.DONOR_VIEWER]: 'donor.deu@mptf.test',
};

function send(t: TestContext, route: RouteInfo, auth?: { Authorization: string }) {
  const call = t.http[route.method.toLowerCase() as 'get'](concretePath(route.path));
  return auth ? call.set(auth) : call;
}

/** A walk is ~1,000 requests: bound a hang, not the throughput of a busy machine. */
export const WALK_TIMEOUT = 180_000;

/**
 * Sends `check` for every item, a few at a time: a walk of ~1,000 requests one by one is slow
 * enough on a loaded CI machine to reach the test timeout; order of the answers is kept.
 */
async function walk<T>(items: T[], check: (item: T) => Promise<string[]>): Promise<string[]> {
  const IN_FLIGHT = 8;
  const found: string[][] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      found[index] = await check(items[index]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return found.flat();
}

/** Non-public routes that answer anything but 401 without a token. */
export async function anonymousLeaks(t: TestContext, routes: RouteInfo[]): Promise<string[]> {
  return walk(
    routes.filter((r) => !r.isPublic),
    async (route) => {
      const response = await send(t, route);
      return response.status === 401 ? [] : [`${route.method} ${route.path} → ${response.status}`];
    },
  );
}

/**
 * Every role against every non-public route: a role the permission table does not grant must get
 * the guard's 403; a role it grants must never get it (nor 401, nor a 5xx).
 */
export async function roleLeaks(t: TestContext, routes: RouteInfo[]): Promise<string[]> {
  const calls: { role: Role; auth: { Authorization: string }; route: RouteInfo }[] = [];
  for (const role of ALL_ROLES) {
    const auth = await t.as(USER_BY_ROLE[role]);
    for (const route of routes.filter((r) => !r.isPublic)) calls.push({ role, auth, route });
  }
  return walk(calls, async ({ role, auth, route }) => {
    const response = await send(t, route, auth);
    const granted = hasPermission([role], route.permission as never);
    const deniedByRole =
      response.status === 403 && String(response.body.message).startsWith('Your roles do not grant');
    if (!granted && !deniedByRole)
      return [`${role} ${route.method} ${route.path}: expected 403, got ${response.status}`];
    if (granted && (deniedByRole || response.status === 401 || response.status >= 500)) {
      return [
        `${role} ${route.method} ${route.path}: granted but got ${response.status} ${response.body.message}`,
      ];
    }
    return [];
  });
}

/** A test's prerequisite: the route must exist (a missing one fails the test, never passes it). */
export function requireRoute(app: INestApplication, method: string, path: string): void {
  if (!listRoutes(app).some((route) => route.method === method && route.path === path)) {
    throw new Error(`Prerequisite missing: ${method} ${path} is not a route of the API`);
  }
}
