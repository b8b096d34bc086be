import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldCipher } from '../../platform/field-encryption';
import { ParticipantProfile } from '../entities';

/** A profile as its owner and venue staff see it. */
export interface ProfileDetails {
  pan: string;
  bankAccountNumber: string;
  bankIfsc: string;
  contactEmail: string;
  contactPhone: string;
}

// Each value is bound to its column, so ciphertext copied between columns does not decrypt.
const SEALED = {
  pan: 'participant_profiles.pan',
  bankAccountNumber: 'participant_profiles.bank_account_number',
  contactEmail: 'participant_profiles.contact_email',
  contactPhone: 'participant_profiles.contact_phone',
} as const;

export function sealProfile(cipher: FieldCipher, details: ProfileDetails) {
  return {
    panCiphertext: cipher.encrypt(details.pan, SEALED.pan),
    bankAccountNumberCiphertext: cipher.encrypt(details.bankAccountNumber, SEALED.bankAccountNumber),
    bankIfsc: details.bankIfsc,
    contactEmailCiphertext: cipher.encrypt(details.contactEmail, SEALED.contactEmail),
    contactPhoneCiphertext: cipher.encrypt(details.contactPhone, SEALED.contactPhone),
  };
}

export function openProfile(cipher: FieldCipher, row: ParticipantProfile): ProfileDetails {
  return {
    pan: cipher.decrypt(row.panCiphertext, SEALED.pan),
    bankAccountNumber: cipher.decrypt(row.bankAccountNumberCiphertext, SEALED.bankAccountNumber),
    bankIfsc: row.bankIfsc,
    contactEmail: cipher.decrypt(row.contactEmailCiphertext, SEALED.contactEmail),
    contactPhone: cipher.decrypt(row.contactPhoneCiphertext, SEALED.contactPhone),
  };
}

/**
 * Key rotation: re-seals, under the current key, every profile holding a value under an older key,
 * in batches (each its own transaction, optimistic versions guard concurrent edits).
 */
export async function reencryptProfiles(
  em: EntityManager,
  cipher: FieldCipher,
  batchSize = 500,
): Promise<{ checked: number; reencrypted: number }> {
  let checked = 0;
  let reencrypted = 0;
  for (let afterId = 0; ;) {
    const rows = await em
      .fork()
      .find(ParticipantProfile, { id: { $gt: afterId } }, { orderBy: { id: 'asc' }, limit: batchSize });
    if (!rows.length) break;
    afterId = rows[rows.length - 1]!.id;
    checked += rows.length;
    await em.fork().transactional(async (tx) => {
      for (const row of rows) {
        const sealed = [
          row.panCiphertext,
          row.bankAccountNumberCiphertext,
          row.contactEmailCiphertext,
          row.contactPhoneCiphertext,
        ];
        if (sealed.every((value) => cipher.keyIdOf(value) === cipher.currentKeyId)) continue;
        tx.assign(tx.merge(row), sealProfile(cipher, openProfile(cipher, row)));
        reencrypted += 1;
      }
    });
  }
  return { checked, reencrypted };
}
