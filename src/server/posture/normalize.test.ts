import { describe, expect, it } from 'vitest';
import { isSuppressedInSecurityHub, normalizeOutcome, OUTCOME_PRECEDENCE } from './normalize';
import { configEvaluation, finding } from './test-support';
import type { EvidenceOutcome, EvidenceSource } from './types';

describe('normalizeOutcome', () => {
  const cases: Array<[EvidenceSource, string, EvidenceOutcome]> = [
    ['securityhub', 'PASSED', 'pass'],
    ['securityhub', 'FAILED', 'fail'],
    ['securityhub', 'WARNING', 'unknown'],
    ['securityhub', 'NOT_AVAILABLE', 'unknown'],
    ['config', 'COMPLIANT', 'pass'],
    ['config', 'NON_COMPLIANT', 'fail'],
    ['config', 'INSUFFICIENT_DATA', 'unknown'],
    ['config', 'NOT_APPLICABLE', 'not_applicable'],
    // Statuses of the other source, or unknown ones, are never a verdict.
    ['securityhub', 'COMPLIANT', 'unknown'],
    ['securityhub', 'NOT_APPLICABLE', 'unknown'],
    ['config', 'PASSED', 'unknown'],
    ['config', 'FAILED', 'unknown'],
    ['securityhub', '', 'unknown'],
    ['config', 'SOMETHING_NEW', 'unknown'],
    ['securityhub', 'toString', 'unknown'],
    // Case and surrounding spaces do not matter.
    ['securityhub', ' failed ', 'fail'],
    ['config', 'non_compliant', 'fail'],
  ];
  it.each(cases)('%s %j → %s', (source, rawStatus, expected) => {
    expect(normalizeOutcome(source, rawStatus)).toBe(expected);
  });
});

describe('OUTCOME_PRECEDENCE', () => {
  it('orders outcomes from most to least conservative: fail, unknown, pass, not_applicable', () => {
    const ordered = (Object.keys(OUTCOME_PRECEDENCE) as EvidenceOutcome[]).sort(
      (a, b) => OUTCOME_PRECEDENCE[b] - OUTCOME_PRECEDENCE[a],
    );
    expect(ordered).toEqual(['fail', 'unknown', 'pass', 'not_applicable']);
  });
});

describe('isSuppressedInSecurityHub', () => {
  it.each([
    ['SUPPRESSED Security Hub finding', finding({ workflowStatus: 'SUPPRESSED' }), true],
    ['NEW Security Hub finding', finding({ workflowStatus: 'NEW' }), false],
    ['RESOLVED Security Hub finding', finding({ workflowStatus: 'RESOLVED' }), false],
    ['Config evaluation, even if mislabelled', configEvaluation({ workflowStatus: 'SUPPRESSED' }), false],
  ])('%s → %s', (_label, record, expected) => {
    expect(isSuppressedInSecurityHub(record)).toBe(expected);
  });
});
