// Checks an evidence bundle offline: every file's size and SHA-256 against manifest.json, files
// missing or added, and the manifest's Ed25519 signature.
//
//   npm run evidence:verify -- bundle.zip [--public-key key.pem] [--json]
//
// --public-key: also require the bundle to be signed by this key (the one the Safeguards
// evidence page shows). Exit code 0: valid; 1: not valid (every problem listed); 2: usage error.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem, verifyEvidenceBundle } from '../src/server/evidence/verify-evidence-bundle';

const usage = 'Usage: npm run evidence:verify -- <bundle.zip> [--public-key <key.pem>] [--json]';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { 'public-key': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}
if (args.positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}

const bundle = args.positionals[0];
let expectedPublicKeyPem: string | undefined;
try {
  if (args.values['public-key']) expectedPublicKeyPem = readFileSync(args.values['public-key'], 'utf8');
} catch (error) {
  console.error(`Cannot read the public key: ${(error as Error).message}`);
  process.exit(2);
}

const result = await verifyEvidenceBundle(bundle, { expectedPublicKeyPem });
if (args.values.json) {
  console.log(JSON.stringify({ bundle, ...result }, null, 2));
} else if (result.valid) {
  const m = result.manifest!;
  console.log(`VALID  ${bundle}`);
  console.log(`  bundle ${m.bundleId} (${m.format}), generated ${m.generatedAt} by ${m.generatedBy.email}`);
  console.log(`  as of ${m.asOf.requested} (${m.asOf.instant}), ${m.resolved.accounts.length} account(s), ${m.resolved.controls} control(s)`);
  console.log(`  ${result.filesVerified} file(s) match their SHA-256; manifest signature valid (Ed25519, key ${result.publicKeyFingerprint})`);
  if (result.signedByExpectedKey) console.log('  signed by the expected key');
} else {
  console.log(`INVALID  ${bundle}: ${result.problems.length} problem(s)`);
  for (const p of result.problems) console.log(`  - ${formatProblem(p)}`);
}
process.exit(result.valid ? 0 : 1);
