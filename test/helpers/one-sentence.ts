import {expect} from 'vitest';

/** An error message for people: one line, one sentence ending in a full stop, no stack trace or error class. */
export function expectSentence(message: string, ...mentions: Array<string | RegExp>) {
	expect(message.split('\n'), `expected one line, got:\n${message}`).toHaveLength(1);
	expect(message).toMatch(/\S.*[.)]$/);
	expect(message).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
	expect(message).not.toMatch(/\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/);
	for (const mention of mentions) {
		if (typeof mention === 'string') expect(message).toContain(mention);
		else expect(message).toMatch(mention);
	}
}

/** What winnow printed when it refused: "winnow: " and one sentence (see expectSentence). */
export function expectOneSentence(text: string, ...mentions: Array<string | RegExp>) {
	const message = text.trimEnd();
	expect(message).toMatch(/^winnow: \S/);
	expectSentence(message, ...mentions);
}
