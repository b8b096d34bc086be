import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { RouteSpec } from '../http/route-spec';

const problemSchema: Parameters<OpenAPIRegistry['registerComponent']>[2] = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: '/errors/validation' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** The OpenAPI document comes from the same route table and zod schemas that validate requests. */
export function buildOpenApiDocument(routes: RouteSpec[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registry.registerComponent('schemas', 'Problem', problemSchema);
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const r of routes) {
    const roles =
      r.access === 'public'
        ? 'none (public)'
        : r.access === 'authenticated'
          ? 'any signed-in user'
          : r.access.join(', ');
    const responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> =
      {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema
          ? { content: { [res.contentType ?? 'application/json']: { schema: res.schema } } }
          : {}),
      };
    }
    if (r.request?.body || r.request?.params || r.request?.query) {
      responses['422'] ??= { description: 'Validation failed', content: problem };
    }
    if (r.access !== 'public') {
      responses['401'] ??= { description: 'Missing, invalid, expired or revoked token', content: problem };
      responses['429'] ??= { description: 'Rate limited (see Retry-After)', content: problem };
    }
    if (Array.isArray(r.access)) responses['403'] ??= { description: 'Role not allowed', content: problem };
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      description: `Roles: ${roles}.`,
      tags: [r.tag],
      ...(r.access === 'public' ? {} : { security: [{ bearerAuth: [] }] }),
      request: {
        ...(r.request?.params ? { params: r.request.params } : {}),
        ...(r.request?.query ? { query: r.request.query } : {}),
        ...(r.request?.body
          ? { body: { content: { [r.request.bodyType ?? 'application/json']: { schema: r.request.body } } } }
          : {}),
      },
      responses: responses as never,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'BondX API',
      version: '1.0.0',
      description:
        'Bond auctions, secondary trading, portfolio risk and regulatory reporting. Amounts are rupees of face ' +
        'value; prices are clean per 100; money is a decimal string with 2 decimals. Errors are application/problem+json.',
    },
    servers: [{ url: serverUrl }],
  });
}
