// POST /api/evidence/verify — an auditor's bundle (multipart/form-data with the zip as a file,
// or the zip itself as application/zip), streamed to a temporary file, checked, then deleted.
// Answers { valid, problems: [{ file, message }], manifest summary, signedByThisApp }.
import { apiRoute } from '@/lib/api';
import { db } from '@/server/db';
import { evidenceSigningKey, receiveUpload, verifyEvidenceBundle } from '@/server/evidence';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = apiRoute({ permission: 'evidence:export' }, async ({ request }) => {
  const upload = await receiveUpload(request.body, request.headers.get('content-type') ?? '');
  try {
    const key = await evidenceSigningKey(db());
    const result = await verifyEvidenceBundle(upload.path, { expectedPublicKeyPem: key.publicKeyPem });
    const m = result.manifest;
    return {
      valid: result.valid,
      fileName: upload.fileName,
      size: upload.size,
      problems: result.problems,
      filesVerified: result.filesVerified,
      signatureValid: result.signatureValid,
      signedByThisApp: result.signedByExpectedKey,
      publicKeyFingerprint: result.publicKeyFingerprint,
      appPublicKeyFingerprint: key.fingerprint,
      manifest: m
        ? {
            format: m.format,
            bundleId: m.bundleId,
            generatedAt: m.generatedAt,
            generatedBy: m.generatedBy?.email,
            asOf: m.asOf,
            scope: m.scope,
            files: Array.isArray(m.files) ? m.files.length : 0,
          }
        : null,
    };
  } finally {
    await upload.dispose();
  }
});
