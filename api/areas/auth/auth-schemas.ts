import { z } from 'zod';

export const password = z.string().min(10, 'must be at least 10 characters').max(200);

export const loginBody = z.object({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const refreshBody = z.object({ refresh_token: z.string().min(10).max(200) });

export const changePasswordBody = z.object({
  current_password: z.string().min(1).max(200),
  new_password: password,
});

export const tokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
  })
  .meta({ id: 'TokenResponse' });
