// Types for sequence.mjs (plain JavaScript so that a bare `node` child can import it).
export type CrashDecision = {sample: string; verdict: 'accepted' | 'rejected' | 'flagged' | null; note: string};
export function prng(seed: number): () => number;
export const crashSamples: number;
export function crashBatches(run: number, count?: number): CrashDecision[][];
