// The files of an evidence bundle and what they hold: written into every bundle as README.txt
// and kept in step with the README's "Evidence bundles" section.
import { EVIDENCE_FORMAT_VERSION } from './manifest';

export const FILE_DESCRIPTIONS: readonly { path: string; description: string }[] = [
  { path: 'README.txt', description: 'This file.' },
  { path: 'accounts.csv', description: 'One row per account and region in scope: name, role ARN, owners, and the last successful and failed Security Hub and Config syncs finished by the as-of time (where the data came from).' },
  { path: 'raci.csv', description: 'The shared-responsibility (RACI) matrix as of the as-of time for the controls in scope: one column per party.' },
  { path: 'exclusions.csv', description: 'Every exclusion of the accounts in scope touching a control in scope, requested by the as-of time: one row per history entry (requested, approved, rejected, revoked, expired, ...), with the status and whether it was in force at the as-of time.' },
  { path: 'attestations.csv', description: 'Every attestation of a control in scope (organization-wide or for an account in scope), recorded by the as-of time: one row per history entry.' },
  { path: 'attestation-files/<id>/<name>', description: 'The file attached to each of those attestations, if any.' },
  { path: 'findings.jsonl', description: 'The raw ASFF (JSON) of every Security Hub finding in scope, one per line, by finding id. Whole-organization and account scopes include findings that evidence no control (GuardDuty, Inspector, ...). For a past day, only findings whose stored version Safeguards had collected by the as-of time; manifest.json\'s notes count the ones left out.' },
  { path: 'config-evaluations.jsonl', description: 'Every AWS Config evaluation in scope, one per line: account, region, rule name and managed identifier, resolvedAt (when Config stopped returning it), and the raw EvaluationResult. For a past day, only those Safeguards had collected by the as-of time, as for findings.' },
  { path: 'evaluations.csv', description: 'One row per control x evaluation record (a finding or Config evaluation evidencing a control in scope, current or not): account, region, resource, source, status, first/last observed, finding id.' },
  { path: 'audit-log.jsonl', description: 'The user actions (audit trail) up to the as-of time, in chain order, with their hash-chain links (see "Audit log" below); with accounts chosen, the actions about them and the organization-wide ones.' },
  { path: 'controls.csv', description: 'One row per control in scope: catalog entry (service, title, HIPAA citations, whitepaper section, evidence sources), status and resource counts over the scope, RACI letters per party.' },
  { path: 'summary.html', description: 'The human-readable report: scope, as-of time, who generated it and when, overall and per-service posture with a chart, failing controls with their RACI owners, exclusions and attestations in force.' },
  { path: 'summary.pdf', description: 'The same report as a PDF.' },
  { path: 'manifest.json', description: `Bundle metadata (format ${EVIDENCE_FORMAT_VERSION}, id, as-of, scope, who and when) and the size and SHA-256 of every file above, in canonical JSON.` },
  { path: 'manifest.sig', description: 'The Ed25519 signature of manifest.json\'s bytes, in base64.' },
  { path: 'public-key.pem', description: 'The public key that signature verifies with (its SHA-256 fingerprint is in manifest.json and shown in the app).' },
];

export function readmeText(options: { bundleId: string; generatedAt: Date; fingerprint: string }): string {
  const files = FILE_DESCRIPTIONS.map((f) => `  ${f.path}\n${wrap(f.description, 6)}`).join('\n');
  return `Safeguards evidence bundle
==========================

Format:      ${EVIDENCE_FORMAT_VERSION}
Bundle id:   ${options.bundleId}
Generated:   ${options.generatedAt.toISOString()}
Signing key: SHA-256 ${options.fingerprint}

Files
-----
${files}

Text files are UTF-8; CSV files follow RFC 4180 (comma, CRLF, double quotes) and start with a
byte-order mark. A text cell that begins with =, +, -, @, a tab or a carriage return is written
with a leading apostrophe, so spreadsheets never run it as a formula. Times are ISO 8601 UTC.

Checking this bundle
--------------------
With Safeguards:   npm run evidence:verify -- this-bundle.zip
                   (or the page Evidence > Verify a bundle)
Without it:        unzip the bundle, then
                   check that it holds exactly the files manifest.json lists, no more and no
                   fewer, each of the "size" in bytes given there
                   sha256sum <file>        compare with "sha256" in manifest.json, for each file
                   base64 -d manifest.sig > manifest.sig.bin
                   openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin \\
                     -in manifest.json -sigfile manifest.sig.bin
                   and compare the key's fingerprint (SHA-256 of its DER form:
                   openssl pkey -pubin -in public-key.pem -outform DER | sha256sum)
                   with the one shown in Safeguards.

Audit log
---------
Each line of audit-log.jsonl is one entry, in chain order. Its "hash" is the SHA-256 (hex) of
the UTF-8 text
    prevHash|id|at|actorId|actorEmail|action|targetType|targetId|accountId|details
with an empty field for a null, "at" as written (YYYY-MM-DDTHH:MM:SS.sssZ), and details as the
exact text after "details": on the line, up to the line's closing brace. Each entry's prevHash is
the hash of the entry before it (empty for the very first), so an entry removed, changed or
moved breaks the chain. Ids grow in chain order but have gaps: the links, not the ids, show that
nothing is missing. With accounts chosen, entries about other accounts are left out, so a
prevHash can name an entry that is not in this file; a whole-organization bundle holds the whole
chain up to the as-of time.
`;
}

function wrap(text: string, indent: number, width = 96): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && pad.length + line.length + 1 + word.length > width) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join('\n');
}
