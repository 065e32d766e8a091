// What an exclusion request covers, checked against the control catalog (pure): the scope decides
// which of resource, control and service count, and the controls it covers decide whether the
// requester must attest that no PHI is involved.
import type { ExclusionScope } from '@/generated/prisma/enums';
import { findControl, findService, isManual, LATEST_CATALOG_VERSION, type CatalogControl } from '@/server/catalog';

export interface ExclusionTargetInput {
  scope: ExclusionScope;
  resourceId?: string | null;
  controlId?: string | null;
  serviceId?: string | null;
}

export interface ExclusionTarget {
  scope: ExclusionScope;
  /** null for a whole-account exclusion. */
  resourceId: string | null;
  /** null when every control of the service is covered. */
  controlId: string | null;
  serviceId: string;
  /** The automated controls the exclusion can turn from failed into excepted. */
  controls: CatalogControl[];
}

export type ExclusionTargetResult = { ok: true; target: ExclusionTarget } | { ok: false; field: string; message: string };

const fail = (field: string, message: string): ExclusionTargetResult => ({ ok: false, field, message });

function controlTarget(input: ExclusionTargetInput, version: string): { control: CatalogControl } | { error: ExclusionTargetResult } {
  if (!input.controlId) return { error: fail('controlId', 'Choose the control to exclude the resource from.') };
  const control = findControl(input.controlId, version);
  if (!control) return { error: fail('controlId', `There is no control "${input.controlId}" in the current catalog.`) };
  if (input.serviceId && input.serviceId !== control.serviceId) {
    return { error: fail('serviceId', `Control ${control.id} belongs to service "${control.serviceId}", not "${input.serviceId}".`) };
  }
  if (isManual(control)) {
    return { error: fail('controlId', `${control.id} is a manual control: nothing checks resources for it, so there is nothing to exclude. Record an attestation instead.`) };
  }
  return { control };
}

export function resolveExclusionTarget(input: ExclusionTargetInput, version: string = LATEST_CATALOG_VERSION): ExclusionTargetResult {
  const resourceId = input.resourceId?.trim() || null;
  if (input.scope !== 'account_control' && !resourceId) return fail('resourceId', 'Name the resource to exclude (its ARN or resource id).');

  if (input.scope === 'resource_service') {
    const serviceId = input.serviceId || (input.controlId ? findControl(input.controlId, version)?.serviceId : undefined);
    if (!serviceId) return fail('serviceId', 'Choose the service whose controls the resource is excluded from.');
    const service = findService(serviceId, version);
    if (!service) return fail('serviceId', `There is no service "${serviceId}" in the current catalog.`);
    const controls = service.controls.filter((c) => !isManual(c));
    if (controls.length === 0) return fail('serviceId', `${service.name} has no automated controls: there is nothing to exclude.`);
    return { ok: true, target: { scope: input.scope, resourceId, controlId: null, serviceId: service.id, controls } };
  }

  const resolved = controlTarget(input, version);
  if ('error' in resolved) return resolved.error;
  const { control } = resolved;
  return {
    ok: true,
    target: {
      scope: input.scope,
      resourceId: input.scope === 'account_control' ? null : resourceId,
      controlId: control.id,
      serviceId: control.serviceId,
      controls: [control],
    },
  };
}
