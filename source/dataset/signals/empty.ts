import type {SampleSignal} from './detector.js';

const blank = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

/** An empty or white-space-only response or turn (a system prompt left empty does not count), or a sample with no content. */
export const empty: SampleSignal = {
	name: 'empty',
	make() {
		return text => {
			if (text.blocks.length === 0) return 'empty: the sample has no content';
			for (const block of text.blocks) {
				if (block.tone === 'system' || block.label.includes(' → ')) continue;
				if (blank.test(block.text)) return `empty: ${block.label} is ${block.text === '' ? 'empty' : 'only white space'}`;
			}

			return undefined;
		};
	},
};
