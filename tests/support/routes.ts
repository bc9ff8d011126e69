import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, Permission, REQUIRED_PERMISSION } from '@mptf/identity';

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
    return '00000000-0000-4000-8000-000000000000';
  });
}
