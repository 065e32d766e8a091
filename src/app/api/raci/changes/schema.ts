// The request body of POST /api/raci/changes: one party's letters, or several parties' at once
// (to move Accountable from one party to another in one change).
import { z } from 'zod';

export const raciChangeRequestSchema = z
  .object({
    controlId: z.string({ message: 'Give the control id, e.g. "S3-ENC-AT-REST".' }),
    partyId: z.string({ message: 'Give the party id as a string.' }).optional(),
    letters: z.union([z.string(), z.record(z.string(), z.string())], {
      message: 'Give the letters as a string ("RA", "" for not involved) with partyId, or as an object of party id → letters.',
    }),
    reason: z.string({ message: 'Say why (it is kept in the history).' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (typeof body.letters === 'string' && body.partyId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['partyId'], message: 'Give the party whose letters change, e.g. "platform".' });
    }
    if (typeof body.letters !== 'string' && body.partyId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['partyId'], message: 'Leave partyId out when letters is an object of party id → letters.' });
    }
  });

export type RaciChangeRequest = z.infer<typeof raciChangeRequestSchema>;

export function toEdits(body: RaciChangeRequest): { partyId: string; letters: string }[] {
  if (typeof body.letters === 'string') return [{ partyId: body.partyId ?? '', letters: body.letters }];
  return Object.entries(body.letters).map(([partyId, letters]) => ({ partyId, letters }));
}
