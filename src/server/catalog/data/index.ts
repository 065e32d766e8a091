// Every service definition, keyed by id. The revision modules pick from these by section heading.

import type { ServiceDefinition } from '../builders';
import * as analyticsMl from './analytics-ml';
import * as compute from './compute';
import * as databases from './databases';
import * as management from './management';
import * as messaging from './messaging';
import * as networking from './networking';
import * as storage from './storage';

const modules = [analyticsMl, compute, databases, management, messaging, networking, storage];

export const SERVICE_DEFINITIONS: ReadonlyMap<string, ServiceDefinition> = (() => {
  const byId = new Map<string, ServiceDefinition>();
  for (const mod of modules) {
    for (const def of Object.values(mod) as ServiceDefinition[]) {
      if (byId.has(def.id)) throw new Error(`Duplicate service definition id: ${def.id}`);
      byId.set(def.id, def);
    }
  }
  return byId;
})();
