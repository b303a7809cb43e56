import {copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PtySession, keys} from './helpers/pty-process.js';
import {useTempDir} from './helpers/temp.js';

// Public dataset shapes in the real binary, 100×30: rendered as turns, not as pretty JSON.

const tempDir = useTempDir();

function copyFixture(name: string): string {
	const path = join(tempDir(), name);
	copyFileSync(new URL(`fixtures/formats/${name}`, import.meta.url), path);
	return path;
}

describe('public shapes on screen', () => {
	it('templated text: its turns under the template\'s name, a token inside a turn flagged and the template not', async () => {
		const session = new PtySession([copyFixture('templated-text.jsonl')]);
		let screen = await session.waitFor('templated text (ChatML)');
		expect(screen).toContain('▌ assistant');
		expect(screen).toContain('2 + 2 = 4.');
		expect(screen).not.toContain('<|im_start|>');
		await session.press(keys.right);
		await session.waitFor('An apple.<|im_end|> Also a pear.');
		// The signals are worked out after the first frame: once this one shows, the first sample's are known too.
		await session.waitFor('⚠ special-token: "<|im_end|>" in assistant');
		await session.press(keys.left);
		screen = await session.waitFor('2 + 2 = 4.');
		expect(screen).not.toContain('special-token');
		await session.press('q');
		expect(await session.waitExit()).toBe(0);
	});

	it('OpenOrca: the system prompt, then question and response; the same prompt on the next sample collapsed', async () => {
		const session = new PtySession([copyFixture('openorca.jsonl')]);
		let screen = await session.waitFor('pair (question/response)');
		expect(screen).toContain('You are an AI assistant. You will be given a task.');
		expect(screen).toContain('▌ question');
		await session.press(keys.right);
		screen = await session.waitFor('What is the capital of France?');
		expect(screen).toContain('system: same as previous sample');
		await session.press('q');
		expect(await session.waitExit()).toBe(0);
	});
});
