import type { Request, Response } from 'express';
import type { z, ZodObject, ZodType } from 'zod';
import type { Role } from '../../domain/access/roles';
import type { Principal } from '../auth/principal';
import type { AppDeps } from '../app-deps';

/**
 * Who may call a route: nobody needs a token for 'public', any signed-in user for 'authenticated',
 * else one of the listed roles. This is the single source of truth for the router, the OpenAPI
 * document and the authorization tests.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export type BodyType = 'application/json' | 'text/csv';

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route but public ones. */
  principal: Principal;
  req: Request;
  res: Response;
  deps: AppDeps;
}

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

export interface RouteSpec<
  P extends ZodObject | undefined = ZodObject | undefined,
  Q extends ZodObject | undefined = ZodObject | undefined,
  B extends ZodType | undefined = ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/api/v1/bonds/{bond_id}`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Per-participant API rate limit; on by default for authenticated routes. */
  rateLimited?: boolean;
  /** `bodyType` text/csv takes the body as text (a file upload); the default is JSON. */
  request?: { params?: P; query?: Q; body?: B; bodyType?: BodyType };
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
  /** Handlers that stream their own response (docs, metrics) return nothing. */
  handler(ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>): Promise<HandlerResult | void>;
}

/** Keeps each route's handler typed by its own schemas while the table holds them all. */
export function defineRoute<
  P extends ZodObject | undefined = undefined,
  Q extends ZodObject | undefined = undefined,
  B extends ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
