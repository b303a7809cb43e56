import {describe, expect, it} from 'vitest';
// @ts-expect-error: a plain JavaScript module shared with the bench
import {plantedDataset, score} from '../bench/planted.js';
import {computeSignals, defaultSignalConfig, SIGNALS} from '../source/dataset/signals/index.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

/** Issue #14's targets: precision and recall on the planted defects. */
const targets: Record<string, number> = {
	duplicate: 0.95,
	'special-token': 0.95,
	empty: 0.95,
	refusal: 0.95,
	mojibake: 0.95,
	placeholder: 0.95,
	'near-duplicate': 0.9,
	repetition: 0.9,
	truncated: 0.9,
};

type Planted = {text: string; truth: Record<string, Set<number>>};
type Score = {precision: number; recall: number; found: number; planted: number};

describe('signals on a planted-defect dataset', () => {
	for (const seed of [11, 12]) {
		it(`meets the precision and recall targets (seed ${seed})`, async () => {
			const {text, truth} = plantedDataset({count: 1500, seed}) as Planted;
			const path = writeFile(tempDir(), 'planted.jsonl', text);
			const table = await computeSignals(path, defaultSignalConfig, undefined, {worker: false});
			expect(table.count).toBe(1500);
			const report: Record<string, Score> = {};
			for (const signal of SIGNALS) {
				if (!(signal in targets)) continue;
				const found = new Set<number>();
				for (let index = 0; index < table.count; index++) if (table.has(index, signal)) found.add(index);
				report[signal] = score(found, truth[signal]) as Score;
				expect(report[signal].planted, signal).toBeGreaterThan(20);
			}

			for (const [signal, target] of Object.entries(targets)) {
				expect(report[signal].precision, `${signal} precision ${JSON.stringify(report[signal])}`).toBeGreaterThanOrEqual(target);
				expect(report[signal].recall, `${signal} recall ${JSON.stringify(report[signal])}`).toBeGreaterThanOrEqual(target);
			}
		});
	}
});
