// Turning exclusion rows into what the pages show: labels from the catalog and the rules.
import type { ExclusionTableRow } from '@/components/exclusion-bits';
import { findControl, findService } from '@/server/catalog';
import { STATUS_LABELS, type ExclusionRow } from '@/server/exclusions';

export function exclusionTarget(row: { scope: string; controlId: string | null; serviceId: string }): string {
  const control = row.controlId ? findControl(row.controlId) : undefined;
  const controlLabel = row.controlId ? `${row.controlId}${control ? ` — ${control.title}` : ''}` : '';
  if (row.scope === 'resource_service') return `Every control of ${findService(row.serviceId)?.name ?? row.serviceId}`;
  if (row.scope === 'account_control') return `${controlLabel} (whole account)`;
  return controlLabel;
}

export const AWAITING_LABELS = { account_owner: 'an account owner', compliance_officer: 'a compliance officer' } as const;

export function tableRow(row: ExclusionRow, accountNames: ReadonlyMap<string, string>): ExclusionTableRow {
  return {
    id: row.id,
    status: row.effectiveStatus,
    statusLabel: STATUS_LABELS[row.effectiveStatus],
    accountId: row.accountId,
    accountName: accountNames.get(row.accountId),
    resourceId: row.resourceId,
    target: exclusionTarget(row),
    requestedBy: row.requestedBy.name,
    requestedAt: row.requestedAt,
    expiresAt: row.expiresAt,
    expiringSoon: row.expiringSoon,
    stale: row.staleSince !== null && row.effectiveStatus === 'approved',
    awaiting: row.awaiting ? AWAITING_LABELS[row.awaiting] : null,
  };
}
