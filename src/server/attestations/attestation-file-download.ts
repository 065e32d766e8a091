// The attached file of an attestation the caller may see, with what the download needs.
import { z } from 'zod';
import type { Db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { attestationAccessWhere, type Actor } from './attestation-access';

export async function attestationFile(db: Db, options: { actor: Actor; attestationId: string }) {
  if (!z.string().uuid().safeParse(options.attestationId).success) throw new NotFoundError('Unknown attestation.');
  const row = await db.attestation.findFirst({
    where: { id: options.attestationId, ...(await attestationAccessWhere(db, options.actor)) },
    select: { fileName: true, fileType: true, fileSize: true, fileSha256: true, fileContent: true },
  });
  if (!row) throw new NotFoundError('Unknown attestation.');
  if (!row.fileContent || !row.fileName || !row.fileType || !row.fileSha256) throw new NotFoundError('This attestation has no attached file.');
  return { name: row.fileName, type: row.fileType, size: row.fileContent.byteLength, sha256: row.fileSha256, content: row.fileContent };
}
