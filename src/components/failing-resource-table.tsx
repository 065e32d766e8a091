// The failing resources of one account, region by region: per resource its failing controls,
// the finding titles and the remediation text from the findings, and a way to request an
// exclusion. Rendered on the server (lists shown open) and in the browser (lists loaded when
// opened, failing-resources-lazy.tsx), so it imports nothing server-only.
import Link from 'next/link';
import { FAILING_EVIDENCE_LISTED } from '@/server/posture/failing-evidence';
import type { FailingCheck, FailingRegionGroup, FailingResource } from '@/server/posture/posture-views';
import { SeverityBadge } from './posture-bits';

export interface FindingTextView {
  description: string | null;
  remediationText: string | null;
  remediationUrl: string | null;
}


export function exclusionRequestHref(resource: Pick<FailingResource, 'accountId' | 'resourceId' | 'resourceType'>, controlId: string, serviceId: string): string {
  const params = new URLSearchParams({ accountId: resource.accountId, resourceId: resource.resourceId, resourceType: resource.resourceType, controlId, serviceId });
  return `/exclusions/new?${params}`;
}

export function resourceFindingsHref(resource: Pick<FailingResource, 'accountId' | 'resourceId'>, controlId?: string): string {
  const params = new URLSearchParams({ account: resource.accountId, resource: resource.resourceId });
  if (controlId) params.set('control', controlId);
  return `/findings?${params}`;
}

function isSafeUrl(url: string | null): url is string {
  return Boolean(url && /^https:\/\//.test(url));
}

function Evidence({ check, texts, moreHref }: { check: FailingCheck; texts: Record<string, FindingTextView>; moreHref: string }) {
  const shown = check.evidence.slice(0, FAILING_EVIDENCE_LISTED);
  const remediations = new Map<string, string | null>();
  for (const e of shown) {
    const text = e.source === 'securityhub' ? texts[e.recordId] : undefined;
    if (text?.remediationText && !remediations.has(text.remediationText)) remediations.set(text.remediationText, text.remediationUrl);
  }
  return (
    <div className="space-y-0.5">
      <ul>
        {shown.map((e) => (
          <li key={e.recordId}>
            <span className="font-medium" data-testid="finding-title">
              {e.title ?? e.evidenceKey}
            </span>{' '}
            <span className="whitespace-nowrap text-xs text-slate-500">
              {e.source === 'securityhub' ? 'Security Hub' : 'AWS Config'} {e.evidenceKey}
            </span>
            {e.annotation && (
              <span className="block text-xs text-slate-700" data-testid="config-annotation">
                {e.annotation}
              </span>
            )}
          </li>
        ))}
      </ul>
      {check.evidence.length > shown.length && (
        <Link href={moreHref} className="text-xs text-brand-700 underline" data-testid="more-evidence">
          {check.evidence.length - shown.length} more {check.evidence.length - shown.length === 1 ? 'finding' : 'findings'}
        </Link>
      )}
      {[...remediations].map(([text, url]) => (
        <p key={text} className="text-xs text-slate-700" data-testid="remediation">
          <span className="font-medium">Remediation:</span> {text}{' '}
          {isSafeUrl(url) && (
            <a href={url} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
              AWS documentation
            </a>
          )}
        </p>
      ))}
      {check.suppressedInSecurityHub && (
        <p className="text-xs text-amber-800" title="Suppressed in Security Hub is not an approved exclusion: the failure still counts.">
          Suppressed in Security Hub, not excluded here.
        </p>
      )}
    </div>
  );
}

export interface FailingRegionOptions {
  canRequestExclusion: boolean;
  /** On a control's page: the control is not repeated per resource. */
  singleControl?: boolean;
  /** Extra explorer filters (service or control) for the "see all" links. */
  explorerQuery?: Record<string, string>;
  /** Resources listed per region before pointing to the findings explorer. */
  perRegion?: number;
}

export function FailingRegionSections({
  accountId,
  accountName,
  regions,
  texts,
  canRequestExclusion,
  singleControl = false,
  explorerQuery = {},
  perRegion = 5,
}: FailingRegionOptions & { accountId: string; accountName: string; regions: FailingRegionGroup[]; texts: Record<string, FindingTextView> }) {
  return (
    <>
      {regions.map((region) => (
              <section key={region.region} aria-label={`${accountName}, ${region.region}`} className="space-y-1">
                <h3 className="font-mono text-sm font-semibold text-slate-700">
                  {region.region}{' '}
                  <span className="font-sans font-normal text-slate-500">
                    (<span data-testid="region-total">{region.total}</span> resources)
                  </span>
                </h3>
                <div className="relative overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <caption className="sr-only">
                      Failing resources of {accountName} in {region.region}
                    </caption>
                    <thead className="text-xs text-slate-600">
                      <tr>
                        <th scope="col" className="py-1 pr-3">Resource</th>
                        {!singleControl && <th scope="col" className="py-1 pr-3">Control</th>}
                        <th scope="col" className="py-1 pr-3">Severity</th>
                        <th scope="col" className="py-1 pr-3">Finding and remediation</th>
                        {canRequestExclusion && (
                          <th scope="col" className="py-1">
                            <span className="sr-only">Actions</span>
                          </th>
                        )}
                      </tr>
                    </thead>
                    {region.resources.slice(0, perRegion).map((resource) => (
                      <tbody key={resource.resourceId} className="border-t border-slate-200" data-testid="failing-resource" data-resource={resource.resourceId}>
                        {resource.controls.map((check, index) => (
                          <tr key={check.controlId} className="align-top">
                            {index === 0 && (
                              <th scope="rowgroup" rowSpan={resource.controls.length} className="max-w-xs py-1.5 pr-3 font-normal">
                                <Link href={resourceFindingsHref(resource, singleControl ? check.controlId : undefined)} className="break-all font-mono text-xs text-brand-700 underline">
                                  {resource.resourceId}
                                </Link>
                                <div className="text-xs text-slate-500">{resource.resourceType}</div>
                              </th>
                            )}
                            {!singleControl && (
                              <td className="py-1.5 pr-3">
                                <Link href={`/controls/${encodeURIComponent(check.controlId)}`} className="whitespace-nowrap font-mono text-xs text-brand-700 underline">
                                  {check.controlId}
                                </Link>
                              </td>
                            )}
                            <td className="py-1.5 pr-3">
                              <SeverityBadge severity={check.severity} />
                            </td>
                            <td className="py-1.5 pr-3">
                              <Evidence check={check} texts={texts} moreHref={resourceFindingsHref(resource, check.controlId)} />
                            </td>
                            {canRequestExclusion && (
                              <td className="whitespace-nowrap py-1.5 text-right">
                                <Link href={exclusionRequestHref(resource, check.controlId, check.serviceId)} className="text-xs text-brand-700 underline">
                                  Request exclusion
                                </Link>
                              </td>
                            )}
                          </tr>
                        ))}
                      </tbody>
                    ))}
                  </table>
                </div>
                {region.total > Math.min(perRegion, region.resources.length) && (
                  <p className="text-sm">
                    {region.total - Math.min(perRegion, region.resources.length)} more in {region.region}:{' '}
                    <Link
                      href={`/findings?${new URLSearchParams({ ...explorerQuery, account: accountId, region: region.region, status: 'FAILED' })}`}
                      className="text-brand-700 underline"
                    >
                      see them in the findings explorer
                    </Link>
                  </p>
                )}
              </section>
            ))}
    </>
  );
}
