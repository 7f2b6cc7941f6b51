// A policy's tier levels as the tables colour them: the highest level is the most support.
import type { Policy } from './policy.js';

/** The highest level among the policy's tiers. */
export const maxLevel = (policy: Pick<Policy, 'tiers'>): number => Math.max(...policy.tiers.map((t) => t.level));
