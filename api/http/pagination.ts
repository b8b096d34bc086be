import { z } from 'zod';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^[0-9]+$/, 'must be a cursor returned by a previous page')
    .optional(),
});

/** Newest first by integer id: the cursor is the last id seen, so pages stay stable under inserts. */
export function cursorFilter(cursor: string | undefined) {
  return cursor ? { id: { $lt: Number(cursor) } } : {};
}

export function page<T extends { id: number }, J>(rows: T[], limit: number, toJson: (row: T) => J) {
  const items = rows.slice(0, limit);
  return {
    items: items.map(toJson),
    next_cursor: rows.length > limit ? String(items[items.length - 1]!.id) : null,
  };
}
