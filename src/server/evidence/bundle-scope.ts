// What an evidence bundle covers: accounts, and the controls picked by service, control id and
// HIPAA citation; and the instant it describes. Within one dimension the values are alternatives
// (service A or B); across dimensions they narrow (a service's controls that also cite C).
// An empty dimension does not narrow. Invalid or unknown values are a ValidationError (400).
import { z } from 'zod';
import { parseOrThrow } from '@/server/validation';
import { catalog2022 } from '@/server/catalog';
import type { CatalogControl, CatalogService } from '@/server/catalog/types';
import type { Db } from '@/server/db';
import { ValidationError } from '@/server/errors';
import type { BundleScopeRecord } from './manifest';

export const BUNDLE_CATALOG = catalog2022;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 1970;
}

/** Citations are compared without spaces, case or the "45 CFR" prefix: "164.312(b)" is "45 CFR 164.312(b)". */
export function compactCitation(citation: string): string {
  return citation
    .toLowerCase()
    .replace(/§/g, '')
    .replace(/\s+/g, '')
    .replace(/^45c\.?f\.?r\.?/, '');
}

/** A control cites `wanted` when one of its citations is it or lies under it ("164.312" covers "164.312(b)"). */
export function citesCitation(control: CatalogControl, wanted: string): boolean {
  const w = compactCitation(wanted);
  return control.hipaaCitations.some((c) => {
    const have = compactCitation(c);
    return have === w || (have.startsWith(w) && have[w.length] === '(');
  });
}

const unique = (values: string[]) => [...new Set(values)];
const list = (item: z.ZodString, max: number, what: string) =>
  z.array(item).max(max, `Choose at most ${max} ${what}.`).default([]).transform(unique);

export const bundleScopeSchema = z
  .object({
    accounts: list(z.string().trim().regex(/^\d{12}$/, 'An AWS account id has 12 digits.'), 1000, 'accounts'),
    services: list(z.string().trim().min(1).max(100), 500, 'services'),
    controls: list(z.string().trim().min(1).max(100), 2000, 'controls'),
    citations: list(z.string().trim().min(1).max(100), 100, 'citations'),
    /** Empty: now. Otherwise a calendar day, `YYYY-MM-DD` (UTC). */
    asOf: z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || isCalendarDay(v), 'Use a date like 2024-03-01, or leave it empty for now.'),
  })
  .superRefine((scope, ctx) => {
    const services = new Set(BUNDLE_CATALOG.services.map((s) => s.id));
    const controls = new Set(BUNDLE_CATALOG.services.flatMap((s) => s.controls.map((c) => c.id)));
    const allControls = BUNDLE_CATALOG.services.flatMap((s) => s.controls);
    scope.services.forEach((id, i) => {
      if (!services.has(id)) ctx.addIssue({ code: 'custom', path: ['services', i], message: `There is no service "${id}" in the catalog.` });
    });
    scope.controls.forEach((id, i) => {
      if (!controls.has(id)) ctx.addIssue({ code: 'custom', path: ['controls', i], message: `There is no control "${id}" in the catalog.` });
    });
    scope.citations.forEach((citation, i) => {
      if (!allControls.some((c) => citesCitation(c, citation))) {
        ctx.addIssue({ code: 'custom', path: ['citations', i], message: `No control of the catalog cites "${citation}".` });
      }
    });
  });

export type BundleScope = z.output<typeof bundleScopeSchema>;

/** `?account=…&account=…&service=…&control=…&citation=…&asOf=YYYY-MM-DD` (each list may repeat). */
export function parseBundleScope(params: URLSearchParams): BundleScope {
  return parseOrThrow(bundleScopeSchema, {
    accounts: params.getAll('account').filter(Boolean),
    services: params.getAll('service').filter(Boolean),
    controls: params.getAll('control').filter(Boolean),
    citations: params.getAll('citation').filter(Boolean),
    asOf: params.get('asOf') ?? '',
  });
}

/** The query string of a scope (the inverse of parseBundleScope). */
export function bundleScopeQuery(scope: Partial<BundleScope>): string {
  const params = new URLSearchParams();
  for (const id of scope.accounts ?? []) params.append('account', id);
  for (const id of scope.services ?? []) params.append('service', id);
  for (const id of scope.controls ?? []) params.append('control', id);
  for (const c of scope.citations ?? []) params.append('citation', c);
  if (scope.asOf) params.set('asOf', scope.asOf);
  return params.toString();
}

export interface BundleAsOf {
  /** `now` or the day asked for. */
  requested: string;
  /** The instant described: now, or the end of the day (23:59:59.999 UTC). */
  instant: Date;
  /** `live` posture from the synced evidence (now, or today), `snapshot` from the daily snapshots (a past day). */
  posture: 'live' | 'snapshot';
  /** The UTC day of `instant`. */
  day: string;
}

export function resolveAsOf(asOf: string, now: Date = new Date()): BundleAsOf {
  const today = now.toISOString().slice(0, 10);
  if (asOf === '' || asOf === today) return { requested: asOf || 'now', instant: now, posture: 'live', day: today };
  if (asOf > today) throw new ValidationError(`asOf: ${asOf} is in the future.`, { asOf: ['Choose today or an earlier day.'] });
  return { requested: asOf, instant: new Date(`${asOf}T23:59:59.999Z`), posture: 'snapshot', day: asOf };
}

export interface ResolvedScope {
  requested: BundleScope;
  /** Accounts in scope, by id. */
  accounts: { id: string; name: string }[];
  accountIds: string[];
  /** No account was chosen: the whole organization. */
  allAccounts: boolean;
  /** Controls in scope, in catalog order. */
  controls: CatalogControl[];
  controlIds: ReadonlySet<string>;
  /** No service, control or citation was chosen: every control (and unmapped findings too). */
  allControls: boolean;
  /** Services with at least one control in scope, in catalog order. */
  services: CatalogService[];
  securityHubControlIds: string[];
  configRuleIdentifiers: string[];
  asOf: BundleAsOf;
}

/** Picks the controls of a scope (pure). */
export function controlsInScope(scope: Pick<BundleScope, 'services' | 'controls' | 'citations'>): CatalogControl[] {
  const services = new Set(scope.services);
  const controls = new Set(scope.controls);
  return BUNDLE_CATALOG.services.flatMap((service) =>
    service.controls.filter(
      (c) =>
        (services.size === 0 || services.has(service.id)) &&
        (controls.size === 0 || controls.has(c.id)) &&
        (scope.citations.length === 0 || scope.citations.some((w) => citesCitation(c, w))),
    ),
  );
}

export function scopeRecord(scope: BundleScope): BundleScopeRecord {
  return { accounts: scope.accounts, services: scope.services, controls: scope.controls, hipaaCitations: scope.citations };
}

/** Checks the accounts exist and resolves the controls; a scope that selects nothing is a ValidationError. */
export async function resolveBundleScope(db: Db, scope: BundleScope, now: Date = new Date()): Promise<ResolvedScope> {
  const asOf = resolveAsOf(scope.asOf, now);
  const registered = await db.awsAccount.findMany({
    where: scope.accounts.length ? { id: { in: scope.accounts } } : {},
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
  const unknown = scope.accounts.filter((id) => !registered.some((a) => a.id === id));
  if (unknown.length) {
    throw new ValidationError(`accounts: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not registered.`, {
      accounts: unknown.map((id) => `${id} is not registered.`),
    });
  }
  const controls = controlsInScope(scope);
  if (controls.length === 0) {
    throw new ValidationError('No control matches all of the chosen services, controls and citations.', {
      controls: ['No control matches all of the chosen services, controls and citations.'],
    });
  }
  const serviceIds = new Set(controls.map((c) => c.serviceId));
  return {
    requested: scope,
    accounts: registered,
    accountIds: registered.map((a) => a.id),
    allAccounts: scope.accounts.length === 0,
    controls,
    controlIds: new Set(controls.map((c) => c.id)),
    allControls: scope.services.length === 0 && scope.controls.length === 0 && scope.citations.length === 0,
    services: BUNDLE_CATALOG.services.filter((s) => serviceIds.has(s.id)),
    securityHubControlIds: unique(controls.flatMap((c) => c.evidence.securityHubControlIds)),
    configRuleIdentifiers: unique(controls.flatMap((c) => c.evidence.configRuleIdentifiers)),
    asOf,
  };
}
