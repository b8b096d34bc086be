import express, { Router, type RequestHandler } from 'express';
import type { ZodError, ZodType } from 'zod';
import { hasAnyRole } from '../../domain/access/roles';
import type { AppDeps } from '../app-deps';
import { problems, type FieldError } from './problem';
import type { BodyType, RouteSpec } from './route-spec';

const expressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    value,
  );
}

function fieldErrors(where: string, value: unknown, err: ZodError): FieldError[] {
  return err.issues.map((i) => ({
    field: [where, ...i.path.map(String)].filter(Boolean).join('.'),
    // zod's generic wording for an absent field ("expected string, received undefined") reads worse.
    message: i.path.length && valueAt(value, i.path) === undefined ? 'is required' : i.message,
  }));
}

function parse(schema: ZodType | undefined, value: unknown, where: string, errors: FieldError[]) {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) errors.push(...fieldErrors(where, value, r.error));
  return r.success ? r.data : undefined;
}

// Bodies are read per route, after the guards: nobody unauthenticated or without the role makes the
// API buffer and parse one (up to 1 MB of JSON, or 5 MB of CSV on the upload routes).
const BODY_PARSERS: Record<BodyType, RequestHandler> = {
  'application/json': express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }),
  'text/csv': express.text({ limit: '5mb', type: 'text/csv' }),
};

export interface RouteGuards {
  /** Authenticates, and on rate-limited routes counts the request against the participant's limit. */
  authenticate(rateLimited: boolean): RequestHandler;
}

/** Turns the route table into Express routes: authenticate and rate-limit, authorize, validate, handle. */
export function mountRoutes(routes: RouteSpec[], deps: AppDeps, guards: RouteGuards): Router {
  const router = Router();
  const authenticate = guards.authenticate(false);
  const authenticateCounting = guards.authenticate(true);
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.access !== 'public') {
      chain.push(route.rateLimited === false ? authenticate : authenticateCounting);
      if (route.access !== 'authenticated') {
        const allowed = route.access;
        chain.push((req, _res, next) =>
          next(hasAnyRole(req.principal!.roles, allowed) ? undefined : problems.forbidden()),
        );
      }
    }
    const bodyType = route.request?.body ? (route.request.bodyType ?? 'application/json') : undefined;
    if (bodyType) chain.push(BODY_PARSERS[bodyType]);
    chain.push(async (req, res) => {
      if (bodyType && bodyType !== 'application/json' && !req.is(bodyType)) {
        throw problems.unsupportedMediaType(bodyType);
      }
      const errors: FieldError[] = [];
      const params = parse(route.request?.params, req.params, 'path', errors);
      const query = parse(route.request?.query, req.query, 'query', errors);
      const body = parse(route.request?.body, req.body ?? {}, '', errors);
      if (errors.length) throw problems.validation(errors);
      const result = await route.handler({
        params: params as never,
        query: query as never,
        body,
        principal: req.principal!,
        req,
        res,
        deps,
      });
      if (!result || res.headersSent) return;
      res.status(result.status ?? 200).set(result.headers ?? {});
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
    router[route.method](expressPath(route.path), ...chain);
  }
  return router;
}
