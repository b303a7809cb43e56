import type {Dataset} from '../dataset/dataset.js';
import {renderSample} from '../dataset/formats/index.js';

/** A previous sample larger than this is not parsed just to compare system prompts: a visit must stay cheap. */
const maxPreviousBytes = 1_000_000;

/**
 * The system prompt of the sample before `index` in the file, when it opens with one: generated sets
 * repeat one system prompt on every line, and a reviewer who has read it once needs only to know it is
 * the same (SampleRows collapses it to one line).
 */
export function previousSystemPrompt(dataset: Pick<Dataset, 'size' | 'sample'>, index: number): string | undefined {
	// The size from the index: reading the entry to measure it would read a 2 GB line whole.
	if (index <= 0 || dataset.size(index - 1) > maxPreviousBytes) return undefined;
	const previous = dataset.sample(index - 1);
	if (previous.error !== undefined) return undefined;
	const first = renderSample(previous.value).blocks[0];
	return first?.tone === 'system' && first.label === 'system' ? first.text : undefined;
}
