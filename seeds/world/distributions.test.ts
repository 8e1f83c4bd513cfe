import { describe, expect, it } from 'vitest';
import { createWorld, worldStats } from '../index.ts';

describe('distributions of a region-scale world', () => {
  const world = createWorld({ seed: 42, scale: 'region' });
  const stats = worldStats(world);

  it('lands the pupil count exactly and keeps real-size ratios', () => {
    expect(stats.pupils).toBe(305_600);
    expect(stats.schools).toBe(1015);
    expect(stats.teachers).toBe(21_987);
    expect(stats.meanClassSize).toBe(19);
    expect(stats.pupils / stats.teachers).toBeGreaterThan(12);
    expect(stats.pupils / stats.teachers).toBeLessThan(20);
    expect(stats.pupils / stats.schools).toBeGreaterThan(250);
    expect(stats.pupils / stats.schools).toBeLessThan(600);
  });

  it('keeps class sizes within real bounds', () => {
    const sizes = [...world.region('36').layout.classSize];
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(30);
  });

  it('puts the sampled child-account indicator at the region’s published share (65.8 %), and moves with the coverage option', () => {
    expect(stats.accounts.childAccountIndicator).toBe(66.1);
    const low = worldStats(createWorld({ seed: 42, scale: 'demo', childAccountCoverage: 0.3 }));
    expect(low.accounts.childAccountIndicator).toBe(30.4);
  });

  it('leaves citizenship missing for a small share of pupils', () => {
    const share = stats.accounts.citizenshipMissing / stats.accounts.sampledPupils;
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.05);
  });
});
