import { z } from 'zod';
import { defineRoute } from '../../http/route-spec';
import { checkHealth } from '../../health/health-check';

const component = z.object({
  status: z.enum(['UP', 'DOWN']),
  latency_ms: z.number().optional(),
  detail: z.string().optional(),
  instances: z.number().optional(),
  /** matching-worker only: each shard's lease holder (null while its bonds wait for a takeover). */
  shards: z
    .array(
      z.object({
        shard: z.number(),
        owner: z.string().nullable(),
        fencing_token: z.string().nullable(),
        lease_expires_in_ms: z.number().nullable(),
      }),
    )
    .optional(),
});
const healthSchema = z
  .object({
    status: z.enum(['UP', 'DOWN']),
    timestamp: z.string(),
    components: z.record(z.string(), component),
  })
  .meta({ id: 'Health' });

export const systemRoutes = [
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Each component: PostgreSQL, Redis, Temporal and every worker kind',
    tag: 'System',
    access: 'public',
    responses: {
      200: { description: 'Everything is up', schema: healthSchema },
      503: { description: 'At least one component is down', schema: healthSchema },
    },
    async handler({ deps }) {
      const health = await checkHealth(deps);
      return {
        status: health.status === 'UP' ? 200 : 503,
        body: health,
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this API process',
    tag: 'System',
    access: 'public',
    responses: {
      200: { description: 'Prometheus text format', contentType: 'text/plain', schema: z.string() },
    },
    async handler({ res, deps }) {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    },
  }),
];
