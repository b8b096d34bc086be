import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isHttpError } from 'http-errors';
import {
  ConnectionException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { Logger } from 'pino';
import { DomainError } from '../../domain/domain-error';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem: the one error shape every endpoint answers with. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    /** RFC 9457 extension members, e.g. a machine-readable reason code. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON(instance?: string) {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const problems = {
  malformedJson: (detail: string) => new Problem(400, '/errors/malformed-json', 'Malformed JSON', detail),
  validation: (errors: FieldError[]) =>
    new Problem(
      422,
      '/errors/validation',
      'Validation failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    ),
  unsupportedMediaType: (expected: string) =>
    new Problem(
      415,
      '/errors/unsupported-media-type',
      'Unsupported media type',
      `Send the body as ${expected}.`,
    ),
  unauthorized: (detail = 'A valid access token is required.') =>
    new Problem(401, '/errors/unauthorized', 'Unauthorized', detail, undefined, {
      'WWW-Authenticate': 'Bearer',
    }),
  forbidden: (detail = 'Your roles do not allow this.') =>
    new Problem(403, '/errors/forbidden', 'Forbidden', detail),
  notFound: (what: string) => new Problem(404, '/errors/not-found', 'Not found', `${what} not found.`),
  conflict: (type: string, detail: string) => new Problem(409, `/errors/${type}`, 'Conflict', detail),
  tooManyRequests: (retryAfterSeconds: number, detail = 'Rate limit exceeded.') =>
    new Problem(429, '/errors/rate-limited', 'Too many requests', detail, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
  unavailable: (what: string, retryAfterSeconds = 5) =>
    new Problem(
      503,
      '/errors/dependency-unavailable',
      'Service unavailable',
      `${what} is unavailable.`,
      undefined,
      {
        'Retry-After': String(retryAfterSeconds),
      },
    ),
};

// How pg, knex and MikroORM report a database that is down, stalled or restarting: connection
// failures, SQLSTATE class 08 and 57P0x (shutdown), and the client-side timeouts of platform/postgres-pool.
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const DB_DOWN_MESSAGE =
  /Connection terminated|Query read timeout|timeout exceeded when trying to connect|Timeout acquiring a connection|Client has encountered a connection error|Connection ended unexpectedly/;

function databaseUnavailable(err: unknown): boolean {
  if (err instanceof ConnectionException) return true;
  if (!(err instanceof Error)) return false;
  const code = String((err as { code?: unknown }).code ?? '');
  return DB_DOWN_CODES.has(code) || code.startsWith('08') || DB_DOWN_MESSAGE.test(err.message);
}

function toProblem(err: unknown): Problem | undefined {
  if (err instanceof Problem) return err;
  if (databaseUnavailable(err)) return problems.unavailable('The database');
  if (err instanceof OptimisticLockError) {
    return problems.conflict('stale-version', 'The resource was changed by someone else; read it again.');
  }
  if (err instanceof UniqueConstraintViolationException) {
    return problems.conflict('duplicate', 'A resource with the same unique key already exists.');
  }
  if (err instanceof NotFoundError) return problems.notFound('Resource');
  // Domain errors are refusals of input, each with a stable code and, when known, the field.
  if (err instanceof DomainError) {
    return problems.validation([{ field: err.field ?? '', message: `${err.message} (${err.code})` }]);
  }
  if (isHttpError(err) && err.expose) {
    // body-parser reports unparseable JSON this way.
    if (err.type === 'entity.parse.failed')
      return problems.malformedJson('The request body is not valid JSON.');
    return new Problem(err.status, `/errors/http-${err.status}`, err.message, err.message);
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem, instance?: string): void {
  res
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .send(problem.toJSON(instance));
}

export function problemHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    if (problem) {
      if (problem.status >= 500) req.log?.warn({ err }, problem.title);
      return sendProblem(res, problem, req.originalUrl);
    }
    (req.log ?? log).error({ err }, 'unhandled error');
    sendProblem(
      res,
      new Problem(500, '/errors/internal', 'Internal error', 'Something went wrong on our side.'),
    );
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) =>
  next(new Problem(404, '/errors/no-route', 'Not found', `No route for ${req.method} ${req.path}.`));
