import {alternation} from './detector.js';

/*
Tokens special-token leaves alone (see special-token.ts):
- a multimodal dataset's own input markup in a prompt or user turn: Phi-3-vision's `<|image_1|>`,
  Qwen-VL's `<|vision_start|><|image_pad|><|vision_end|>`, `<|video_pad|>`, `<|audio_1|>`: where the
  image goes, not a leak (in a response it still counts);
- the config's `signals.specialToken.ignoreTokens`, anywhere: exact tokens, `*` standing for any
  characters (`<|image_*|>`).
*/

const inputMarkup = /<\|(?:image|img|vision|video|audio)(?:_[\w-]{1,20})?\|>/g;

const blank = (part: string) => ' '.repeat(part.length);

/** A matcher for the ignored tokens (undefined when there are none). */
export function ignoredTokens(tokens: readonly string[]): RegExp | undefined {
	const exact = tokens.filter(token => !token.includes('*'));
	const globs = tokens.filter(token => token.includes('*')).map(token => token.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\s]{0,40}?'));
	const parts = [alternation(exact), ...globs].filter(part => part !== '');
	return parts.length === 0 ? undefined : new RegExp(parts.join('|'), 'g');
}

/** The text with tokens that are no leak blanked out (same length): input markup outside a response, ignored tokens anywhere. */
export function withoutOwnMarkup(text: string, response: boolean, ignored: RegExp | undefined): string {
	let left = text;
	if (!response && left.includes('<|')) left = left.replace(inputMarkup, blank);
	if (ignored) left = left.replace(ignored, blank);
	return left;
}
