// Guidelines (issue #13): `i` shows the project's guidelines in a scrollable panel, and they open
// once by themselves on a reviewer's first visit to a dataset (remembered in the live folder).
import {existsSync, mkdirSync, readdirSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readGuidelines} from '../source/review/guidelines.js';
import {GuidelinesSeen} from '../source/store/guidelines-seen.js';
import {chatLines} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const screen = useReviewScreen();
const tempDir = useTempDir();

const rules = ['# Review rules', '', 'Reject made-up facts.', '\u200Bhidden', ...Array.from({length: 40}, (_, i) => `rule ${i + 1}`)].join('\n');

describe('guidelines', () => {
	it('open once on a reviewer\'s first visit, then only on i; they scroll; nothing hidden reaches the screen', async () => {
		const dir = tempDir();
		const db = join(dir, 'samples.decisions.json');
		const seen = new GuidelinesSeen(db, 'tester');
		const guidelines = {path: 'GUIDELINES.md', text: rules};
		const first = await screen(chatLines(3), {guidelines, guidelinesSeen: seen});
		await waitFor(() => first.frame().includes('Reject made-up facts.'));
		expect(first.frame()).toContain('Guidelines (GUIDELINES.md)');
		expect(first.frame()).toContain('⟨U+200B⟩hidden');
		await first.type('G');
		await waitFor(() => first.frame().includes('rule 40'));
		await first.type('\u001B');
		await waitFor(() => first.frame().includes('question 1'));
		await first.type('i');
		await waitFor(() => first.frame().includes('Review rules'));

		const again = await screen(chatLines(3), {guidelines, guidelinesSeen: new GuidelinesSeen(db, 'tester')});
		await waitFor(() => again.frame().includes('question 1'));
		expect(again.frame()).not.toContain('Review rules');
		expect(readdirSync(join(`${db}.live`, 'guidelines-seen'))).toHaveLength(1);
		// Another reviewer has not seen them.
		expect(new GuidelinesSeen(db, 'bob').seen()).toBe(false);
	});

	it('with none configured, i says how to set them', async () => {
		const {frame, type} = await screen(chatLines(2));
		await type('i');
		await waitFor(() => frame().includes('no guidelines set'));
		expect(frame()).toContain('winnow.config.json');
	});

	it('an unreadable guidelines file is one sentence in the panel; a link in the live folder is never written through', () => {
		const dir = tempDir();
		expect(readGuidelines(join(dir, 'missing.md'))).toMatchObject({error: expect.stringContaining('does not exist')});
		expect(readGuidelines(dir)).toMatchObject({error: expect.stringContaining('not a regular file')});
		expect(readGuidelines(writeFile(dir, 'g.md', '# ok\n'))).toEqual({path: join(dir, 'g.md'), text: '# ok\n'});
		const db = join(dir, 'samples.decisions.json');
		mkdirSync(`${db}.live`);
		const elsewhere = join(dir, 'elsewhere');
		mkdirSync(elsewhere);
		symlinkSync(elsewhere, join(`${db}.live`, 'guidelines-seen'));
		new GuidelinesSeen(db, 'tester').markSeen();
		expect(readdirSync(elsewhere)).toHaveLength(0);
		expect(existsSync(join(elsewhere, 'x'))).toBe(false);
	});
});
