import { describe, expect, it } from 'vitest';
import { partyIdFromName } from './parties';

describe('partyIdFromName', () => {
  it('makes a URL-safe slug', () => {
    expect(partyIdFromName('Security & Privacy Office', new Set())).toBe('security-privacy-office');
    expect(partyIdFromName('  Équipe réseau ', new Set())).toBe('equipe-reseau');
    expect(partyIdFromName('!!!', new Set())).toBe('party');
  });

  it('avoids ids already taken, archived parties included', () => {
    expect(partyIdFromName('Platform team', new Set(['platform-team']))).toBe('platform-team-2');
    expect(partyIdFromName('AWS', new Set(['aws', 'aws-2']))).toBe('aws-3');
  });

  it('caps the length', () => {
    expect(partyIdFromName('x'.repeat(100), new Set()).length).toBe(40);
  });
});
