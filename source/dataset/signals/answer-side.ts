import type {SampleText, TextBlock} from './types.js';

/**
 * What the signals read of one answer of a preference pair: its blocks and responses only (the prompt and the
 * other answer left out), for `signal:refusal@chosen`. Undefined when the sample has no such answer.
 */
export function answerText(text: SampleText, side: 'chosen' | 'rejected'): SampleText | undefined {
	const blocks: TextBlock[] = text.blocks.filter(block => block.tone === side);
	if (blocks.length === 0) return undefined;
	const responses: string[] = [];
	const responseKinds: SampleText['responseKinds'] = [];
	for (const [index, response] of text.responses.entries()) {
		if (text.responseTones[index] !== side) continue;
		responses.push(response);
		responseKinds.push(text.responseKinds[index]);
	}

	// finish_reason belongs to the sample, not to one answer.
	return {...text, blocks, responses, responseTones: responses.map(() => side), responseKinds, stoppedAtLength: false};
}
