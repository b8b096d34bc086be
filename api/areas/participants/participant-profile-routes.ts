import { z } from 'zod';
import { Participant, ParticipantProfile } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { openProfile, sealProfile } from '../../../db/participants/participant-profile-codec';
import {
  isValidBankAccountNumber,
  isValidIfsc,
  isValidPan,
  maskIdentifier,
} from '../../../domain/reference-data/account-identifiers';
import { hasAnyRole } from '../../../domain/access/roles';
import { fieldCipherFrom } from '../../../platform/field-encryption';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { fpiRegistrationField, fpiRegistrationOnlyForFpi } from './participant-routes';

const TAG = 'Participants';
const idParams = z.object({ participant_id: z.coerce.number().int().positive() });

const profileBody = z.object({
  pan: z.string().refine(isValidPan, 'must be a PAN: 5 letters (4th a holder category), 4 digits, 1 letter'),
  bank_account: z.object({
    number: z.string().refine(isValidBankAccountNumber, 'must be 9-18 digits'),
    ifsc: z.string().refine(isValidIfsc, 'must be an IFSC: 4 letters, 0, 6 letters or digits'),
  }),
  contact: z.object({
    email: z.email().max(254),
    phone: z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'must be in E.164 form, e.g. +912212345678'),
  }),
  fpi_registration: fpiRegistrationField.optional().meta({
    description:
      "An FPI's SEBI registration number, reported on its trades; required for an FPI without one, omitted keeps the stored one",
  }),
});

const profileSchema = profileBody
  .extend({ participant_id: z.number(), fpi_registration: z.string().nullable(), updated_at: z.string() })
  .meta({ id: 'ParticipantProfile' });

// Staff who onboard and supervise members; a member's own users read their profile too.
const PROFILE_READERS = ['ADMIN', 'OPERATIONS', 'COMPLIANCE_OFFICER'] as const;

export const participantProfileRoutes = [
  defineRoute({
    method: 'put',
    path: '/api/v1/participants/{participant_id}/profile',
    summary: "Set a member's PAN, settlement bank account and contacts (stored encrypted)",
    tag: TAG,
    access: ['ADMIN'],
    request: { params: idParams, body: profileBody },
    responses: {
      200: { description: 'Stored', schema: profileSchema },
      404: { description: 'No such participant' },
    },
    async handler({ params, body, req, deps }) {
      const cipher = fieldCipherFrom(deps.config.encryption);
      const details = {
        pan: body.pan,
        bankAccountNumber: body.bank_account.number,
        bankIfsc: body.bank_account.ifsc,
        contactEmail: body.contact.email,
        contactPhone: body.contact.phone,
      };
      const profile = await deps.orm.em.fork().transactional(async (em) => {
        const participant = await em.findOne(Participant, params.participant_id);
        if (!participant) throw problems.notFound('Participant');
        fpiRegistrationOnlyForFpi(participant.kind, body.fpi_registration);
        if (participant.kind === 'FPI' && !body.fpi_registration && !participant.fpiRegistration)
          throw problems.validation([
            {
              field: 'fpi_registration',
              message: 'an FPI\u2019s profile needs its SEBI registration number',
            },
          ]);
        const registrationChanged =
          body.fpi_registration !== undefined && body.fpi_registration !== participant.fpiRegistration;
        if (body.fpi_registration !== undefined) participant.fpiRegistration = body.fpi_registration;
        const existing = await em.findOne(ParticipantProfile, { participant });
        const profile = existing
          ? em.assign(existing, sealProfile(cipher, details))
          : em.create(ParticipantProfile, { participant, ...sealProfile(cipher, details) });
        profile.updatedBy = req.principal!.userId;
        // The audit trail names what changed, never the values themselves.
        appendAudit(em, {
          action: existing ? 'PARTICIPANT_PROFILE_CHANGED' : 'PARTICIPANT_PROFILE_CREATED',
          subjectType: 'participant',
          subjectId: participant.id,
          ...auditActor(req),
          details: {
            pan: maskIdentifier(body.pan),
            bank_account: maskIdentifier(body.bank_account.number),
            // A public regulatory identifier, unlike the sealed values.
            ...(registrationChanged ? { fpi_registration: body.fpi_registration } : {}),
          },
        });
        await em.flush();
        return { profile, registration: participant.fpiRegistration ?? null };
      });
      return { body: profileJson(params.participant_id, profile.profile, profile.registration, cipher) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/participants/{participant_id}/profile',
    summary: "A member's profile: its own users and ADMIN, OPERATIONS, COMPLIANCE_OFFICER",
    tag: TAG,
    access: 'authenticated',
    request: { params: idParams },
    responses: {
      200: { description: 'The profile', schema: profileSchema },
      404: { description: 'Not found, or not yours' },
    },
    async handler({ params, principal, deps }) {
      const allowed =
        principal.participantId === params.participant_id || hasAnyRole(principal.roles, PROFILE_READERS);
      if (!allowed) throw problems.notFound('Participant profile');
      const profile = await deps.orm.em
        .fork()
        .findOne(ParticipantProfile, { participant: params.participant_id }, { populate: ['participant'] });
      if (!profile) throw problems.notFound('Participant profile');
      return {
        body: profileJson(
          params.participant_id,
          profile,
          profile.participant.fpiRegistration ?? null,
          fieldCipherFrom(deps.config.encryption),
        ),
      };
    },
  }),
];

function profileJson(
  participantId: number,
  profile: ParticipantProfile,
  fpiRegistration: string | null,
  cipher: ReturnType<typeof fieldCipherFrom>,
) {
  const d = openProfile(cipher, profile);
  return {
    participant_id: participantId,
    pan: d.pan,
    bank_account: { number: d.bankAccountNumber, ifsc: d.bankIfsc },
    contact: { email: d.contactEmail, phone: d.contactPhone },
    fpi_registration: fpiRegistration,
    updated_at: profile.updatedAt.toISOString(),
  };
}
