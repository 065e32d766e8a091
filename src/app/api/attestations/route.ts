import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/api';
import { listAttestations, MAX_ATTESTATION_FILE_BYTES, recordAttestation, type AttestationUpload } from '@/server/attestations';
import { parseOrThrow } from '@/server/validation';
import { db } from '@/server/db';
import { ValidationError } from '@/server/errors';

export const dynamic = 'force-dynamic';

/** Room for the form fields around a file of the largest size allowed. */
const MAX_BODY_BYTES = Math.ceil(MAX_ATTESTATION_FILE_BYTES * 1.4) + 64 * 1024;

const jsonFileSchema = z
  .object({
    name: z.string().max(1000),
    /** The file's bytes, base64-encoded. */
    contentBase64: z.string().max(Math.ceil(MAX_ATTESTATION_FILE_BYTES * 1.4), 'The file is larger than 5 MB.'),
  })
  .nullish();

/** multipart/form-data (fields + `file`) from the page, or JSON with `file: { name, contentBase64 }`. */
async function readUpload(request: NextRequest): Promise<{ fields: Record<string, unknown>; file: AttestationUpload | null }> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw new ValidationError('file: The file is larger than 5 MB.', { file: ['Attach at most 5 MB.'] });
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ValidationError('The form could not be read.');
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
    const entry = form.get('file');
    // A form with no file chosen sends an empty, nameless file.
    if (!(entry instanceof File) || (entry.size === 0 && !entry.name)) return { fields, file: null };
    if (entry.size > MAX_ATTESTATION_FILE_BYTES) throw new ValidationError(`file: ${entry.name} is larger than 5 MB.`, { file: ['Attach at most 5 MB.'] });
    return { fields, file: { name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) } };
  }
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    throw new ValidationError('Send the attestation as JSON or as multipart/form-data.');
  }
  const fields = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const file = parseOrThrow(z.object({ file: jsonFileSchema }), { file: fields.file }).file;
  return { fields, file: file ? { name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) } : null };
}

/** `?controlId=&accountId=(id|org)&status=`; account owners see organization-wide ones and their accounts'. */
export const GET = apiRoute({ permission: 'attestations:view' }, async ({ user, request }) => ({
  attestations: await listAttestations(db(), { actor: user, filters: Object.fromEntries(request.nextUrl.searchParams) }),
}));

/** Record an attestation: `controlId`, `accountId` (empty: the organization), `statement`, `validUntil`, optional file. */
export const POST = apiRoute({ permission: 'attestations:manage' }, async ({ user, request }) => {
  const { fields, file } = await readUpload(request);
  const attestation = await recordAttestation(db(), { actor: user, input: fields, file });
  return NextResponse.json({ attestation }, { status: 201 });
});
