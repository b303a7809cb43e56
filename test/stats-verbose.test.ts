// winnow stats --verbose says why each malformed line is malformed, as export --verbose does.
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli-run.js';
import {decision, writeDecisions} from './helpers/decision-records.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

describe('stats --verbose', () => {
	it('lists each malformed line with its reason; without --verbose only the count and a hint', () => {
		const dir = tempDir();
		writeFile(dir, 'data.jsonl', '{"id": "a", "prompt": "p", "completion": "c"}\n{"id": "b", "prompt": BROKEN\n[1, 2]\n{"id": "c", "prompt": "p3", "completion": "c3"}\n');
		const verbose = runCli(['stats', 'data.jsonl', '--verbose'], {cwd: dir, env: {NO_COLOR: '1'}}).stdout;
		expect(verbose).toContain('malformed lines: 2 (lines 2, 3)');
		expect(verbose).toMatch(/\n {4}line 2: not valid JSON \(/);
		expect(verbose).toMatch(/\n {4}line 3: [^\n]*not a JSON object|\n {4}line 3: [^\n]*array/);
		const quiet = runCli(['stats', 'data.jsonl'], {cwd: dir, env: {NO_COLOR: '1'}}).stdout;
		expect(quiet).not.toMatch(/\n {4}line 2:/);
	});

	it('names a malformed element of a JSON array by its number, past the entries counted without a visit', () => {
		const dir = tempDir();
		const elements = Array.from({length: 1200}, (_, i) => i === 1100 ? '"not an object"' : JSON.stringify({id: `s${i}`, prompt: `p${i}`, completion: `c${i}`}));
		writeFile(dir, 'data.json', `[\n${elements.join(',\n')}\n]\n`);
		writeDecisions(dir, 'data.json', [decision('s1', 'ann', 'accepted')]);
		const verbose = runCli(['stats', 'data.json', '--verbose'], {cwd: dir}).stdout;
		expect(verbose).toContain('malformed elements: 1 (element 1100, counted from 0)');
		expect(verbose).toMatch(/\n {4}element 1100: /);
	});
});
