import {describe, expect, it} from 'vitest';
import {SIGNALS} from '../source/dataset/signals/index.js';
import {renderSignalSections} from '../source/report/render-signals.js';
import type {SignalStats} from '../source/report/signal-stats.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {runCli} from './helpers/cli-run.js';
import {writeDecisions, decision} from './helpers/decision-records.js';

const tempDir = useTempDir();

const answer = (topic: string) => `Here is how ${topic} works. First you set a goal, then you measure progress every week, and finally you adjust the plan based on what the numbers say about ${topic}.`;
const chat = (id: string, model: string, assistant: string, user = 'How does it work?') => JSON.stringify({id, model, messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});

function dataset(): string {
	const lines = [
		chat('a', 'gen-7b', answer('budgeting')),
		chat('b', 'gen-7b', answer('budgeting')),
		chat('c', 'gen-13b', 'I\'m sorry, but I can\'t help with that.'),
		chat('d', 'gen-13b', answer('saving'), 'How does saving work?'),
		chat('e', 'gen-13b', ''),
		JSON.stringify({id: 'f', messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello!<|im_end|>'}]}),
	];
	return `${lines.join('\n')}\n`;
}

describe('winnow stats: Signals, Diversity and --by', () => {
	it('--json gains signals, diversity and by, with stable names', () => {
		const dir = tempDir();
		writeFile(dir, 'data.jsonl', dataset());
		writeDecisions(dir, 'data.jsonl', [decision('c', 'ann', 'rejected'), decision('a', 'ann', 'accepted')]);
		const result = runCli(['stats', 'data.jsonl', '--json', '--by', 'model'], {cwd: dir});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.signals.map((item: {signal: string}) => item.signal)).toEqual([...SIGNALS]);
		const samples = Object.fromEntries(json.signals.map((item: {signal: string; samples: number}) => [item.signal, item.samples]));
		expect(samples).toMatchObject({duplicate: 1, refusal: 1, empty: 1, 'special-token': 1});
		expect(Object.keys(json.diversity)).toEqual(['responses', 'words', 'distinct1', 'distinct2', 'estimated', 'duplicateShare', 'nearDuplicateShare', 'duplicateClusters', 'nearDuplicateClusters', 'openings']);
		expect(json.diversity.duplicateShare).toBeCloseTo(2 / 6, 3);
		expect(json.diversity.openings[0]).toEqual({opening: 'here is how budgeting works', responses: 2});
		expect(json.by.field).toBe('model');
		const groups = Object.fromEntries(json.by.groups.map((group: {value: string}) => [group.value, group]));
		expect(Object.keys(groups)).toEqual(['gen-13b', 'gen-7b', '(none)']);
		expect(groups['gen-13b'].status).toEqual({accepted: 0, rejected: 1, flagged: 0, undecided: 2});
		expect(groups['gen-7b'].status.accepted).toBe(1);
		expect(groups['gen-7b'].signals.find((item: {signal: string}) => item.signal === 'duplicate').samples).toBe(1);
		expect(groups['gen-7b'].diversity.duplicateShare).toBe(1);
		expect(groups['(none)'].signals.find((item: {signal: string}) => item.signal === 'special-token').samples).toBe(1);
	});

	it('prints the Signals table with bars, the Diversity section and the --by breakdown', () => {
		const dir = tempDir();
		writeFile(dir, 'data.jsonl', dataset());
		const result = runCli(['stats', 'data.jsonl', '--by', 'model'], {cwd: dir});
		expect(result.status).toBe(0);
		const text = result.stdout;
		expect(text).toMatch(/^Signals\n {2}signal +samples +%\n {2}duplicate +1 +16\.7% +\S+/m);
		expect(text).toMatch(/^ {2}refusal +1 +16\.7%/m);
		expect(text).toMatch(/^Diversity\n {2}6 responses, \d+ words: distinct-1 0\.\d{3}, distinct-2 0\.\d{3}/m);
		expect(text).toContain('in duplicate clusters: 33.3% of samples (1 cluster)');
		expect(text).toMatch(/^ +2 +here is how budgeting works$/m);
		expect(text).toMatch(/^By model\n {2}value +samples +accepted +rejected +flagged +undecided/m);
		expect(text).toMatch(/^ {2}gen-13b +3 +0 +0 +0 +3( .*)?\n {6}.*refusal 1/m);
		// With --where the other sections count the slice; the diversity section says it is the whole file's.
		const sliced = runCli(['stats', 'data.jsonl', '--where', 'signal:refusal'], {cwd: dir}).stdout;
		expect(sliced).toMatch(/^Diversity \(whole dataset, not only the samples --where matches\)$/m);
	});

	it('--by breaks the reject reasons down by the field too (text and --json)', () => {
		const dir = tempDir();
		writeFile(dir, 'data.jsonl', dataset());
		writeDecisions(dir, 'data.jsonl', [
			decision('c', 'ann', 'rejected', {reasons: ['unsafe', 'off-topic']}),
			decision('c', 'bob', 'rejected', {reasons: ['unsafe']}),
			decision('d', 'ann', 'rejected', {reasons: ['off-topic']}),
			decision('e', 'ann', 'rejected', {reasons: ['low quality']}),
			decision('a', 'ann', 'rejected', {reasons: ['duplicate']}),
			// Undone: its reasons no longer count.
			decision('b', 'ann', 'rejected', {reasons: ['duplicate']}),
			decision('b', 'ann', null),
			decision('f', 'ann', 'accepted'),
		]);
		const json = JSON.parse(runCli(['stats', 'data.jsonl', '--json', '--by', 'model'], {cwd: dir}).stdout);
		const groups = Object.fromEntries(json.by.groups.map((group: {value: string}) => [group.value, group]));
		expect(groups['gen-13b'].reasons).toEqual([
			{reason: 'off-topic', samples: 2, decisions: 2},
			{reason: 'unsafe', samples: 1, decisions: 2},
			{reason: 'low quality', samples: 1, decisions: 1},
		]);
		expect(groups['gen-7b'].reasons).toEqual([{reason: 'duplicate', samples: 1, decisions: 1}]);
		expect(groups['(none)'].reasons).toEqual([]);
		// The groups add up to the Reasons table.
		const total = new Map<string, number>();
		for (const group of json.by.groups) for (const {reason, samples} of group.reasons) total.set(reason, (total.get(reason) ?? 0) + samples);
		expect(Object.fromEntries(total)).toEqual(Object.fromEntries(json.reasons.map(({reason, samples}: {reason: string; samples: number}) => [reason, samples])));
		const text = runCli(['stats', 'data.jsonl', '--by', 'model'], {cwd: dir}).stdout;
		expect(text).toMatch(/^ {2}gen-13b +3 +0 +3 +0 +0( .*)?\n {6}rejected as: off-topic 2, unsafe 1, low quality 1$/m);
		expect(text).toMatch(/^ {2}gen-7b +2 +0 +1 +0 +1( .*)?\n {6}rejected as: duplicate 1$/m);
	});

	it('export --status all writes every sample, whatever its status', () => {
		const dir = tempDir();
		const text = dataset();
		writeFile(dir, 'data.jsonl', text);
		writeDecisions(dir, 'data.jsonl', [decision('c', 'ann', 'rejected'), decision('a', 'ann', 'accepted'), decision('d', 'ann', 'flagged')]);
		const all = runCli(['export', 'data.jsonl', '--status', 'all'], {cwd: dir});
		expect(all.status).toBe(0);
		expect(all.stdout).toBe(text);
		expect(runCli(['export', 'data.jsonl', '--status', 'rejected,all'], {cwd: dir}).stdout).toBe(text);
	});

	it('--by needs a field, and applies to stats only', () => {
		const dir = tempDir();
		writeFile(dir, 'data.jsonl', dataset());
		const empty = runCli(['stats', 'data.jsonl', '--by', 'meta.'], {cwd: dir});
		expect(empty.status).toBe(2);
		expect(empty.stderr).toMatch(/^winnow: --by needs a metadata field, as a name or a dotted path/);
		const onExport = runCli(['export', 'data.jsonl', '--by', 'model'], {cwd: dir});
		expect(onExport.status).toBe(2);
		expect(onExport.stderr).toContain('--by applies to winnow stats, not winnow export.');
	});

	it('export --annotate adds signals and cluster ids; a plain export stays byte for byte', () => {
		const dir = tempDir();
		const text = dataset();
		writeFile(dir, 'data.jsonl', text);
		const plain = runCli(['export', 'data.jsonl', '--status', 'undecided'], {cwd: dir});
		expect(plain.stdout).toBe(text);
		const annotated = runCli(['export', 'data.jsonl', '--status', 'undecided', '--annotate'], {cwd: dir});
		expect(annotated.status).toBe(0);
		const lines = annotated.stdout.trimEnd().split('\n').map(line => JSON.parse(line));
		expect(lines[0].winnow.signals).toEqual([]);
		expect(lines[0].winnow.clusters).toEqual({duplicate: {id: 1, size: 2, position: 1}, nearDuplicate: null});
		expect(lines[1].winnow.signals).toEqual(['duplicate']);
		expect(lines[1].winnow.clusters.duplicate).toEqual({id: 1, size: 2, position: 2});
		expect(lines[2].winnow.signals).toContain('refusal');
		// Each signal's reason, as the screen gives it; none for the cluster's first sample, which has no signal.
		expect(lines[0].winnow.signalReasons).toEqual({});
		expect(lines[1].winnow.signalReasons).toEqual({duplicate: 'duplicate: cluster of 2, this is 2 of 2 (same content as sample 1, the first)'});
		expect(lines[2].winnow.signalReasons.refusal).toMatch(/^refusal: .*sorry, but I can't/i);
		expect(lines[5].winnow.signalReasons['special-token']).toContain('<|im_end|>');
		expect(Object.keys(lines[2].winnow.signalReasons)).toEqual(lines[2].winnow.signals);
		// The original bytes come first, unchanged.
		expect(annotated.stdout.split('\n')[2].startsWith(text.split('\n')[2].slice(0, -1))).toBe(true);
	});
});

describe('renderSignalSections', () => {
	it('keeps lines within the width and sanitises openings and field values from the data', () => {
		const figures: SignalStats = {
			signals: SIGNALS.map((signal, index) => ({signal, samples: index * 10})),
			diversity: {responses: 3, words: 30, distinct1: 0.5, distinct2: 0.7, estimated: false, duplicateShare: 0.1, nearDuplicateShare: 0, duplicateClusters: 1, nearDuplicateClusters: 0, openings: [{opening: 'evil \u001B]0;title\u0007 opening', responses: 2}]},
			by: {field: 'model', groups: [{value: 'x\u001B[31m'.repeat(30), samples: 3, status: {accepted: 1, rejected: 0, flagged: 0, undecided: 2}, reasons: [{reason: 'r\u001B[31m'.repeat(30), samples: 1, decisions: 1}], signals: SIGNALS.map(signal => ({signal, samples: 1})), diversity: {responses: 3, words: 30, distinct1: 0.5, distinct2: 0.7, estimated: false, duplicateShare: 0.1, nearDuplicateShare: 0, duplicateClusters: 1, nearDuplicateClusters: 0}}]},
		};
		const text = renderSignalSections(figures, 100, {width: 60, color: false, unicode: true});
		expect(text).not.toMatch(/\u001B|\u0007/);
		for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
	});

	it('shows a signal the config turns off as "off", not as none found', () => {
		const figures: SignalStats = {
			signals: SIGNALS.map(signal => ({signal, samples: 0})),
			diversity: {responses: 0, words: 0, distinct1: 0, distinct2: 0, estimated: false, duplicateShare: 0, nearDuplicateShare: 0, duplicateClusters: 0, nearDuplicateClusters: 0, openings: []},
		};
		const lines = renderSignalSections(figures, 10, {width: 80, color: false, unicode: true}, new Set(['length-outlier'])).split('\n');
		expect(lines.find(line => line.includes('length-outlier'))).toMatch(/^ {2}length-outlier\s+off\s*$/);
		expect(lines.find(line => line.includes('refusal'))).toMatch(/^ {2}refusal\s+0\s+0\.0%/);
	});
});
