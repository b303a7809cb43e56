// winnow decide, stats --where and export --where, run as a user would (the built CLI, pipes).
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {LiveSession} from '../source/store/live-session.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {useTempDir} from './helpers/temp.js';
import {ensureBuilt, spawnWriter} from './helpers/store-processes.js';
import {cliEnv, cliPath, runCli} from './helpers/cli-run.js';
import {revertCommand} from '../source/commands/decide.js';
import type {CommonOptions} from '../source/cli/options.js';
import {decision, writeDecisions} from './helpers/decision-records.js';

const tempDir = useTempDir();

/** Runs the built CLI without blocking this process (whose timers must keep running). */
async function runAsync(dir: string, args: string[], reviewer = 'tester') {
	return new Promise<{code: number | null; out: string}>(resolve => {
		const child = spawn(process.execPath, [cliPath, ...args], {cwd: dir, env: {...process.env, WINNOW_REVIEWER: reviewer, NO_COLOR: '1'}});
		let out = '';
		child.stdout.on('data', chunk => {
			out += String(chunk);
		});
		child.stderr.on('data', chunk => {
			out += String(chunk);
		});
		child.on('close', code => resolve({code, out}));
	});
}

const refusal = 'As an AI language model, I cannot help with that.';

/** s0 … s(n-1): every third a refusal from gpt-4o, the rest fine answers from two models. */
function dataset(dir: string, n = 12): string {
	const lines = Array.from({length: n}, (_, i) => JSON.stringify({
		id: `s${i}`,
		messages: [{role: 'user', content: `question ${i}`}, {role: 'assistant', content: i % 3 === 0 ? refusal : `answer ${i}`}],
		model: i % 3 === 0 ? 'gpt-4o' : i % 2 === 0 ? 'llama-3' : 'mistral',
		scores: {quality: i / n},
	}));
	writeFileSync(join(dir, 'samples.jsonl'), `${lines.join('\n')}\n`);
	return 'samples.jsonl';
}

function records(dir: string): DecisionRecord[] {
	return parseDecisionsFile(readFileSync(join(dir, 'samples.decisions.json'), 'utf8'), 'samples.decisions.json', 'samples.jsonl').decisions;
}

/** The newest record per sample and reviewer. */
function current(dir: string): Map<string, DecisionRecord> {
	const byKey = new Map<string, DecisionRecord>();
	for (const record of records(dir)) {
		const key = `${record.sample}/${record.reviewer}`;
		const held = byKey.get(key);
		if (!held || held.at < record.at) byKey.set(key, record);
	}

	return byKey;
}

describe('winnow decide', () => {
	it('--dry-run counts and lists the matches and writes nothing', () => {
		const dir = tempDir();
		dataset(dir);
		const result = runCli(['decide', 'samples.jsonl', '--where', '"as an ai"', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('dry run: 4 samples match \'"as an ai"\'; would mark 4 samples rejected as tester');
		expect(result.stdout).toContain('for example: s0 (line 1), s3 (line 4), s6 (line 7), s9 (line 10)');
		expect(result.stdout).toContain('Nothing was written.');
		expect(() => readFileSync(join(dir, 'samples.decisions.json'))).toThrow();
	});

	it('says that malformed lines are not looked at, which stats counts as undecided', () => {
		const dir = tempDir();
		dataset(dir, 3);
		writeFileSync(join(dir, 'samples.jsonl'), `${readFileSync(join(dir, 'samples.jsonl'), 'utf8')}{"id": "s9", "messages": [ BROKEN\n`);
		const result = runCli(['decide', 'samples.jsonl', '--where', 'status:undecided', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('dry run: 3 samples match \'status:undecided\'');
		expect(result.stdout).toContain('1 malformed line was not looked at (decide never decides one; stats counts it as undecided): fix it, or decide it on the review screen.');
	});

	it('warns, as stats and export do, when no sample has the --id-field given', () => {
		const dir = tempDir();
		dataset(dir);
		const result = runCli(['decide', 'samples.jsonl', '--id-field', 'uuidd', '--where', '"as an ai"', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stderr).toContain('no sample in samples.jsonl has the field "uuidd" (--id-field)');
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('decides the slice, recording the rule; stats count rule decisions apart; --undo-rule withdraws them', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('s1', 'tester', 'accepted')]);
		const result = runCli(['decide', 'samples.jsonl', '--where', 'model:GPT-4o   "as an ai"', '--verdict', 'rejected', '--reason', 'Unsafe', '--note', 'refusal'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('4 samples match \'model:gpt-4o "as an ai"\'; marked 4 samples rejected (unsafe) as tester');
		expect(result.stdout).toContain('to revert: winnow decide samples.jsonl --undo-rule \'model:gpt-4o "as an ai"\' --reviewer tester\n');
		const after = current(dir);
		for (const sample of ['s0', 's3', 's6', 's9']) {
			expect(after.get(`${sample}/tester`)).toMatchObject({verdict: 'rejected', reasons: ['unsafe'], note: 'refusal', rule: 'model:gpt-4o "as an ai"'});
		}

		expect(after.get('s1/tester')).toMatchObject({verdict: 'accepted'});
		expect(after.get('s1/tester')!.rule).toBeUndefined();

		const stats = JSON.parse(runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir}).stdout) as {decisions: Record<string, unknown>};
		expect(stats.decisions).toEqual({total: 5, cleared: 0, byRule: 4, oneByOne: 1, rules: [{rule: 'model:gpt-4o "as an ai"', decisions: 4}]});
		const table = runCli(['stats', 'samples.jsonl'], {cwd: dir}).stdout;
		expect(table).toContain('4 decisions made by rules (winnow decide; D, C on screen), 1 one by one');

		// Another rule: nothing to undo, and the rules on record are named.
		const other = runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:llama-3'], {cwd: dir});
		expect(other.stdout).toContain('no current decision was made by rule \'model:llama-3\' as tester; nothing to undo.');
		expect(other.stdout).toContain('  rules with current decisions as tester: \'model:gpt-4o "as an ai"\' (4).');
		// Spelt differently, the same rule.
		const undo = runCli(['decide', 'samples.jsonl', '--undo-rule', '"AS an AI"   model:gpt-4o'], {cwd: dir});
		expect(undo.status).toBe(0);
		expect(undo.stdout).toContain('undid 4 decisions made by rule \'"as an ai" model:gpt-4o\' (tester): 0 back to the earlier decision, 4 withdrawn');
		const undone = current(dir);
		for (const sample of ['s0', 's3', 's6', 's9']) expect(undone.get(`${sample}/tester`)).toMatchObject({verdict: null});
		// Never a deletion: the file holds the undo record, appended after the rule's and newer.
		expect(records(dir).filter(record => record.sample === 's0').map(record => record.verdict)).toEqual(['rejected', null]);
		expect(undone.get('s0/tester')!.at > after.get('s0/tester')!.at).toBe(true);
		expect(JSON.parse(runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir}).stdout).decisions).toMatchObject({total: 1, cleared: 4, byRule: 0});
	});

	it('leaves samples other reviewers decided alone unless --lead, and then settles them as a resolution', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('s0', 'alice', 'accepted'), decision('s3', 'tester', 'flagged', {categories: ['age']})]);
		const plain = runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir});
		expect(plain.status).toBe(0);
		expect(plain.stdout).toContain('marked 3 samples rejected as tester');
		expect(plain.stdout).toContain('1 sample already decided by other reviewers was left alone (--lead decides them too)');
		expect(plain.stdout).toContain('1 of them replaced tester\'s own earlier decision (--undo-rule brings it back)');
		let now = current(dir);
		expect(now.get('s0/tester')).toBeUndefined();
		expect(now.get('s0/alice')).toMatchObject({verdict: 'accepted'});
		expect(now.get('s3/tester')).toMatchObject({verdict: 'rejected', replaced: {verdict: 'flagged', categories: ['age']}});

		const lead = runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--lead', '--reviewer', 'lead'], {cwd: dir});
		expect(lead.status).toBe(0);
		expect(lead.stdout).toContain('marked 4 samples rejected as lead');
		now = current(dir);
		expect(now.get('s0/lead')).toMatchObject({verdict: 'rejected', resolution: true, rule: 'model:gpt-4o'});
		expect(now.get('s0/alice')).toMatchObject({verdict: 'accepted'});
		const exported = runCli(['export', 'samples.jsonl', '--status', 'rejected'], {cwd: dir});
		expect(exported.stdout.trim().split('\n').map(line => (JSON.parse(line) as {id: string}).id)).toEqual(['s0', 's3', 's6', 's9']);

		// tester's rule undone: s3 goes back to tester's own earlier flag; lead's decisions stay.
		const undo = runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'], {cwd: dir});
		expect(undo.stdout).toContain("undid 3 decisions made by rule 'model:gpt-4o' (tester): 1 back to the earlier decision, 2 withdrawn");
		expect(undo.stdout).toContain('4 decisions by this rule from other reviewers were left as they are (--lead undoes them too)');
		now = current(dir);
		expect(now.get('s3/tester')).toMatchObject({verdict: 'flagged', categories: ['age']});
		expect(now.get('s3/tester')!.rule).toBeUndefined();
		expect(now.get('s3/lead')).toMatchObject({verdict: 'rejected'});
	});

	it('keeps fields it does not know on the records it does not change', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('s1', 'alice', 'accepted', {confidence: 0.9, source: {tool: 'other'}} as Partial<DecisionRecord>)]);
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir}).status).toBe(0);
		expect(current(dir).get('s1/alice')).toMatchObject({verdict: 'accepted', confidence: 0.9, source: {tool: 'other'}});
		expect(current(dir).get('s0/tester')).toMatchObject({verdict: 'rejected', rule: 'model:gpt-4o'});
	});

	it('re-deciding by the same rule and undoing it goes back to before the rule first ran', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('s0', 'tester', 'accepted', {note: 'mine'})]);
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir}).status).toBe(0);
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'flagged', '--category', 'age'], {cwd: dir}).stdout).toContain('marked 4 samples flagged (age)');
		expect(current(dir).get('s0/tester')).toMatchObject({verdict: 'flagged', categories: ['age'], rule: 'model:gpt-4o', replaced: {verdict: 'accepted', note: 'mine'}});
		expect(runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'], {cwd: dir}).stdout).toContain('1 back to the earlier decision, 3 withdrawn');
		expect(current(dir).get('s0/tester')).toMatchObject({verdict: 'accepted', note: 'mine'});
		expect(current(dir).get('s3/tester')).toMatchObject({verdict: null});
	});

	it('keeps the reviewer\'s own correction on a rule\'s decision (export writes it), and --undo-rule puts it back as it was', () => {
		const dir = tempDir();
		dataset(dir);
		const fixed = (id: string) => ({id, messages: [{role: 'user', content: `question ${id}`}, {role: 'assistant', content: `CORRECTED ${id}`}], model: 'gpt-4o'});
		// s0: a correction alone (no verdict yet); s3: accepted with a correction; s1: someone else's correction.
		writeDecisions(dir, 'samples.jsonl', [
			decision('s0', 'tester', null, {correction: fixed('s0')}),
			decision('s3', 'tester', 'accepted', {note: 'fine', correction: fixed('s3')}),
			decision('s6', 'ann', null, {correction: fixed('s6')}),
		]);
		const result = runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir});
		expect(result.status).toBe(0);
		// Only s3 held an earlier verdict.
		expect(result.stdout).toContain('1 of them replaced tester\'s own earlier decision');
		let now = current(dir);
		expect(now.get('s0/tester')).toMatchObject({verdict: 'rejected', rule: 'model:gpt-4o', correction: fixed('s0'), replaced: {verdict: null, correction: fixed('s0')}});
		expect(now.get('s3/tester')).toMatchObject({verdict: 'rejected', correction: fixed('s3'), replaced: {verdict: 'accepted', note: 'fine', correction: fixed('s3')}});
		// tester's rule does not take ann's correction as tester's own.
		expect(now.get('s6/tester')!.correction).toBeUndefined();
		const exported = runCli(['export', 'samples.jsonl', '--status', 'rejected'], {cwd: dir}).stdout.trim().split('\n').map(line => JSON.parse(line) as {id: string; messages: Array<{content: string}>});
		expect(exported.map(sample => sample.messages[1].content)).toEqual(['CORRECTED s0', 'CORRECTED s3', 'CORRECTED s6', refusal]);

		expect(runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'], {cwd: dir}).stdout).toContain('1 back to the earlier decision, 3 withdrawn');
		now = current(dir);
		expect(now.get('s0/tester')).toMatchObject({verdict: null, correction: fixed('s0')});
		expect(now.get('s3/tester')).toMatchObject({verdict: 'accepted', note: 'fine', correction: fixed('s3')});
		expect(now.get('s9/tester')).toMatchObject({verdict: null});
		expect(now.get('s9/tester')!.correction).toBeUndefined();
	});

	it('keeps the reviewer\'s own note unless --note gives one, and --undo-rule brings back a note given without a verdict', () => {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [decision('s0', 'tester', null, {note: 'ask Bo'}), decision('s3', 'tester', 'accepted', {note: 'fine'})]);
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir}).status).toBe(0);
		let now = current(dir);
		expect(now.get('s0/tester')).toMatchObject({verdict: 'rejected', note: 'ask Bo', replaced: {verdict: null, note: 'ask Bo'}});
		expect(now.get('s3/tester')).toMatchObject({verdict: 'rejected', note: 'fine', replaced: {verdict: 'accepted', note: 'fine'}});
		expect(now.get('s6/tester')).toMatchObject({verdict: 'rejected', note: ''});
		// The same rule again without --note: nothing to change.
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected'], {cwd: dir}).stdout).toContain('4 samples already had this decision by this rule.');
		expect(runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'], {cwd: dir}).stdout).toContain('1 back to the earlier decision, 3 withdrawn');
		now = current(dir);
		expect(now.get('s0/tester')).toMatchObject({verdict: null, note: 'ask Bo'});
		expect(now.get('s3/tester')).toMatchObject({verdict: 'accepted', note: 'fine'});

		// --note sets every note; --note '' removes them.
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--note', 'refusal'], {cwd: dir}).status).toBe(0);
		expect(current(dir).get('s0/tester')).toMatchObject({note: 'refusal', replaced: {verdict: null, note: 'ask Bo'}});
		expect(runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--note', ''], {cwd: dir}).status).toBe(0);
		expect(current(dir).get('s3/tester')).toMatchObject({note: ''});
		runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'], {cwd: dir});
		expect(current(dir).get('s0/tester')).toMatchObject({verdict: null, note: 'ask Bo'});
	});

	it('prints a revert command that, pasted into a shell as it is, undoes the rule: with the reviewer and the store it wrote to', () => {
		const dir = tempDir();
		dataset(dir);
		/** The printed command run by a shell, elsewhere: another $WINNOW_REVIEWER, no $WINNOW_DB. */
		const paste = (out: string) => {
			const line = /to revert: (winnow .*)/.exec(out)![1];
			return spawnSync('sh', ['-c', line.replace(/^winnow /, `'${process.execPath}' '${cliPath}' `)], {cwd: dir, env: cliEnv({WINNOW_REVIEWER: 'someone else', WINNOW_DB: undefined}), encoding: 'utf8'});
		};

		const decided = runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--reviewer', 'Ann O\'Neil', '--db', 'our decisions.json'], {cwd: dir});
		expect(decided.status).toBe(0);
		expect(decided.stdout).toContain(`to revert: winnow decide samples.jsonl --undo-rule 'model:gpt-4o' --reviewer 'Ann O'\\''Neil' --db 'our decisions.json'\n`);
		const undone = paste(decided.stdout);
		expect(undone.status).toBe(0);
		expect(undone.stdout).toContain('undid 4 decisions made by rule \'model:gpt-4o\' (Ann O\'Neil)');

		// The store named by $WINNOW_DB: named in the command too.
		const fromEnv = runCli(['decide', 'samples.jsonl', '--where', 'model:mistral', '--verdict', 'accepted'], {cwd: dir, env: {WINNOW_DB: 'env.decisions.json'}});
		expect(fromEnv.stdout).toContain('to revert: winnow decide samples.jsonl --undo-rule \'model:mistral\' --reviewer tester --db env.decisions.json\n');
		expect(paste(fromEnv.stdout).stdout).toContain('undid 4 decisions made by rule \'model:mistral\' (tester)');

		// A database: its review's name, and never its password.
		const common = (db: string, datasetName: string) => ({dataset: 'data/samples.jsonl', reviewer: 'ann', dbSpec: {kind: 'postgres', url: db}, db: db.replace(':s3cret@', ':***@'), datasetName}) as CommonOptions;
		expect(revertCommand(common('postgres://ann@db.example/winnow', 'round2.jsonl'), 'signal:empty')).toEqual(['to revert: winnow decide data/samples.jsonl --undo-rule \'signal:empty\' --reviewer ann --db postgres://ann@db.example/winnow --dataset-name round2.jsonl']);
		const masked = revertCommand(common('postgres://ann:s3cret@db.example/winnow?sslmode=require', 'samples.jsonl'), 'signal:empty');
		expect(masked[0]).toBe('to revert: winnow decide data/samples.jsonl --undo-rule \'signal:empty\' --reviewer ann --db \'postgres://ann:***@db.example/winnow?sslmode=require\'');
		expect(masked.join('\n')).not.toContain('s3cret');
		expect(masked[1]).toContain('*** stands for the database password');
	});

	it('leaves a sample another reviewer has open on screen alone, unless --lead', async () => {
		const dir = tempDir();
		dataset(dir);
		// alice's review screen holds the lease on s3 (this test process plays her screen).
		const alice = new LiveSession(join(dir, 'samples.decisions.json'), 'alice', 'split');
		alice.start();
		try {
			expect(alice.claim('s3')).toBe(true);
			const plain = await runAsync(dir, ['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected']);
			expect(plain.code).toBe(0);
			expect(plain.out).toContain('marked 3 samples rejected as tester');
			expect(plain.out).toContain('1 sample open on another reviewer\'s screen right now was left alone');
			expect(current(dir).get('s3/tester')).toBeUndefined();
			const lead = await runAsync(dir, ['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--lead']);
			expect(lead.out).toContain('marked 1 sample rejected as tester');
			expect(current(dir).get('s3/tester')).toMatchObject({verdict: 'rejected'});
		} finally {
			alice.stop();
		}
	});

	it('refuses a bad query with one sentence naming the column, exit 2, and writes nothing', () => {
		const dir = tempDir();
		dataset(dir);
		for (const [where, column, what] of [
			['model:gpt-4o scores.quality<', 29, 'expected a value after "scores.quality<"'],
			['status:done', 8, 'unknown status "done"'],
			['"unclosed', 1, 'this quote is never closed'],
		] as const) {
			const result = runCli(['decide', 'samples.jsonl', '--where', where, '--verdict', 'rejected'], {cwd: dir});
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			const message = result.stderr.trimEnd();
			expect(message.split('\n')).toHaveLength(1);
			expect(message).toContain(`bad query at column ${column}: ${what}`);
			expect(message).toMatch(/^winnow: --where /);
		}

		for (const [args, text] of [
			[['--where', 'model:x'], 'needs --verdict'],
			[['--verdict', 'rejected'], 'needs --where'],
			[['--where', 'model:x', '--verdict', 'maybe'], 'unknown --verdict "maybe"'],
			[['--where', 'model:x', '--verdict', 'accepted', '--reason', 'unsafe'], '--reason goes with --verdict rejected'],
			[['--where', 'model:x', '--verdict', 'flagged', '--category', 'hair colour'], 'unknown --category "hair colour"'],
			[['--where', 'model:x', '--verdict', 'flagged'], '--verdict flagged needs --category (a flag says which bias): one or more of '],
			[['--where', '  ', '--verdict', 'rejected'], '--where is empty'],
			[['--undo-rule', 'model:x', '--verdict', 'rejected'], 'takes no --verdict'],
		] as const) {
			const result = runCli(['decide', 'samples.jsonl', ...args], {cwd: dir});
			expect(result.status, text).toBe(2);
			expect(result.stderr).toContain(text);
			expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		}

		expect(() => readFileSync(join(dir, 'samples.decisions.json'))).toThrow();
	});

	it('keeps the decisions file valid and everyone\'s decisions while a reviewer\'s process writes at the same time', async () => {
		ensureBuilt();
		const dir = tempDir();
		dataset(dir, 100);
		const file = join(dir, 'samples.decisions.json');
		const writer = spawnWriter(['union', file, 'samples.jsonl', 'rev', '400', '7', JSON.stringify({writeDelay: 2, retryDelay: 20, watchInterval: 0, samples: 100})]);
		await writer.waitFor(line => line === 'ready');
		writer.send('go');
		const run = async (args: string[]) => runAsync(dir, args, 'lead');
		const decide = ['decide', 'samples.jsonl', '--where', 'model:gpt-4o', '--verdict', 'rejected', '--lead'];
		expect(await run(decide)).toMatchObject({code: 0});
		expect(await run(['decide', 'samples.jsonl', '--undo-rule', 'model:gpt-4o'])).toMatchObject({code: 0});
		const last = await run(decide);
		expect(last.code).toBe(0);
		expect(last.out).toContain("34 samples match 'model:gpt-4o'; marked 34 samples rejected as lead");
		const final = await writer.waitFor(line => line.startsWith('final '));
		await writer.exited;
		const own = (JSON.parse(final!.slice('final '.length)) as {own: DecisionRecord[]}).own;

		const now = current(dir);
		for (const record of own) expect(now.get(`${record.sample}/rev`)).toEqual(record);
		const leads = [...now.values()].filter(record => record.reviewer === 'lead');
		expect(leads).toHaveLength(34);
		for (const record of leads) expect(record).toMatchObject({verdict: 'rejected', rule: 'model:gpt-4o'});
		expect(runCli(['stats', 'samples.jsonl'], {cwd: dir}).status).toBe(0);
	});
});

describe('stats and export --where', () => {
	function setUp() {
		const dir = tempDir();
		dataset(dir);
		writeDecisions(dir, 'samples.jsonl', [
			decision('s0', 'ann', 'rejected'),
			decision('s1', 'ann', 'accepted'),
			decision('s2', 'bob', 'accepted'),
			decision('s3', 'bob', 'flagged', {categories: ['age']}),
		]);
		return dir;
	}

	it('refuses a term on a field no sample has (misspelt: it would decide none, or all when negated), exit 2, naming the likely field', () => {
		const dir = tempDir();
		dataset(dir);
		for (const [where, text] of [
			['signals:refusal', 'no sample in samples.jsonl has a field "signals" (did you mean signal:?); the samples have id, messages, model, scores. Nothing was decided.'],
			['-modle:gpt-4o', 'no sample in samples.jsonl has a field "modle" (did you mean model?)'],
			['scores.qualty<0.5', 'has a field "scores.qualty" (did you mean scores.quality?)'],
		] as const) {
			for (const dry of [[], ['--dry-run']]) {
				const result = runCli(['decide', 'samples.jsonl', '--where', where, '--verdict', 'rejected', ...dry], {cwd: dir});
				expect(result.status, where).toBe(2);
				expect(result.stdout).toBe('');
				expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
				expect(result.stderr).toContain(text);
			}
		}

		expect(() => readFileSync(join(dir, 'samples.decisions.json'))).toThrow();
		// A field some samples have is fine, though none matches.
		const none = runCli(['decide', 'samples.jsonl', '--where', 'model:claude', '--verdict', 'rejected', '--dry-run'], {cwd: dir});
		expect(none.status).toBe(0);
		expect(none.stdout).toContain("dry run: 0 samples match 'model:claude'");
	});

	it('reads NOT, OR and parentheses as operators, never as words to search for, and records the rule canonically', () => {
		const dir = tempDir();
		dataset(dir);
		// Every answer holds the word "not" or not: NOT must negate.
		const not = runCli(['decide', 'samples.jsonl', '--where', 'NOT model:gpt-4o', '--verdict', 'accepted', '--dry-run'], {cwd: dir});
		expect(not.stdout).toContain("dry run: 8 samples match '-model:gpt-4o'");
		const or = runCli(['decide', 'samples.jsonl', '--where', '(model:gpt-4o | model:mistral)', '--verdict', 'rejected'], {cwd: dir});
		expect(or.status).toBe(0);
		expect(or.stdout).toContain('8 samples match \'model:gpt-4o|model:mistral\'');
		expect(new Set([...current(dir).values()].map(record => record.rule))).toEqual(new Set(['model:gpt-4o|model:mistral']));
		const undo = runCli(['decide', 'samples.jsonl', '--undo-rule', 'model:mistral OR model:gpt-4o'], {cwd: dir});
		expect(undo.stdout).toContain('undid 8 decisions');
		const lower = runCli(['decide', 'samples.jsonl', '--where', 'model:gpt-4o or model:mistral', '--verdict', 'rejected'], {cwd: dir});
		expect(lower.status).toBe(2);
		expect(lower.stderr).toContain('bad query at column 14: write OR or | between terms (capitals), or "or" in quotes for the word');
	});

	it('stats --where, stats --by and export --where say on stderr when no sample has the field', () => {
		const dir = tempDir();
		dataset(dir);
		const stats = runCli(['stats', 'samples.jsonl', '--where', 'modle:gpt-4o'], {cwd: dir});
		expect(stats.status).toBe(0);
		expect(stats.stderr).toContain('winnow: --where "modle:gpt-4o": no sample in samples.jsonl has a field "modle" (did you mean model?)');
		const by = runCli(['stats', 'samples.jsonl', '--by', 'source'], {cwd: dir});
		expect(by.status).toBe(0);
		expect(by.stderr).toContain('winnow: --by source: every sample is counted under (none): no sample in samples.jsonl has a field "source"; the samples have id, messages, model, scores.');
		expect(runCli(['stats', 'samples.jsonl', '--by', 'model'], {cwd: dir}).stderr).not.toContain('no sample');
		const exported = runCli(['export', 'samples.jsonl', '--status', 'undecided', '--where', '-scores.qualty>0.5'], {cwd: dir});
		expect(exported.status).toBe(0);
		expect(exported.stderr).toContain('has a field "scores.qualty" (did you mean scores.quality?)');
		expect(runCli(['export', 'samples.jsonl', '--status', 'undecided', '--where', 'scores.quality>0.5'], {cwd: dir}).stderr).not.toContain('no sample');
	});

	it('stats --where counts only the matching samples and their decisions', () => {
		const dir = setUp();
		const json = JSON.parse(runCli(['stats', 'samples.jsonl', '--json', '--where', 'model:gpt-4o|mistral -verdict:flagged'], {cwd: dir}).stdout) as {where: string; samples: {total: number}; status: Record<string, number>; reviewers: Array<{reviewer: string}>; missingSamples: {decisions: number}};
		// gpt-4o: s0 s3 s6 s9; mistral: s1 s5 s7 s11; s3 is flagged.
		expect(json.where).toBe('model:gpt-4o|model:mistral -verdict:flagged');
		expect(json.samples.total).toBe(7);
		expect(json.status).toEqual({accepted: 1, rejected: 1, flagged: 0, undecided: 5});
		expect(json.reviewers.map(reviewer => reviewer.reviewer)).toEqual(['ann']);
		expect(json.missingSamples.decisions).toBe(0);
		const table = runCli(['stats', 'samples.jsonl', '--where', 'status:undecided scores.quality>=0.5'], {cwd: dir});
		expect(table.status).toBe(0);
		expect(table.stdout).toContain('where: status:undecided scores.quality>=0.5');
		expect(table.stdout).toMatch(/samples\.jsonl\s+6 samples/);
	});

	it('export --where writes the samples matching the query and the status selection, byte for byte', () => {
		const dir = setUp();
		const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8').split('\n');
		const accepted = runCli(['export', 'samples.jsonl', '--where', 'model:mistral'], {cwd: dir});
		expect(accepted.status).toBe(0);
		expect(accepted.stdout).toBe(`${lines[1]}\n`);
		expect(accepted.stderr).toContain('exported 1 sample (accepted; where model:mistral; policy majority)');
		const undecided = runCli(['export', 'samples.jsonl', '--status', 'undecided', '--where', '/as an ai/i'], {cwd: dir});
		expect(undecided.stdout).toBe(`${lines[6]}\n${lines[9]}\n`);
		const bad = runCli(['export', 'samples.jsonl', '--where', 'scores.quality>x'], {cwd: dir});
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('bad query at column 16: expected a number after "scores.quality>"');
	});
});

describe('signal: and cluster: terms (the signal engine)', () => {
	it('decide, stats and export slice by signal and by duplicate cluster', () => {
		const dir = tempDir();
		dataset(dir);
		// s12 and s13: the same conversation twice (a duplicate cluster), ids aside.
		const copy = {messages: [{role: 'user', content: 'What is the capital of France?'}, {role: 'assistant', content: 'Paris is the capital of France.'}], model: 'llama-3'};
		writeFileSync(join(dir, 'samples.jsonl'), `${readFileSync(join(dir, 'samples.jsonl'), 'utf8')}${JSON.stringify({id: 's12', ...copy})}\n${JSON.stringify({id: 's13', ...copy})}\n`);

		const decided = runCli(['decide', 'samples.jsonl', '--where', 'signal:refusal', '--verdict', 'rejected'], {cwd: dir});
		expect(decided.stderr).toBe('');
		expect(decided.stdout).toContain("4 samples match 'signal:refusal'; marked 4 samples rejected as tester");
		expect([...current(dir).keys()].sort()).toEqual(['s0/tester', 's3/tester', 's6/tester', 's9/tester']);

		const stats = JSON.parse(runCli(['stats', 'samples.jsonl', '--json', '--where', '-signal:refusal'], {cwd: dir}).stdout) as {samples: {total: number}; signals: Array<{signal: string; samples: number}>};
		expect(stats.samples.total).toBe(10);
		expect(stats.signals.find(signal => signal.signal === 'refusal')!.samples).toBe(0);
		// The representative (first) of a duplicate cluster does not carry the signal; its copy does.
		expect(stats.signals.find(signal => signal.signal === 'duplicate')!.samples).toBe(1);

		const exported = runCli(['export', 'samples.jsonl', '--status', 'undecided', '--where', 'cluster:duplicate'], {cwd: dir});
		expect(exported.stdout.trim().split('\n').map(line => (JSON.parse(line) as {id: string}).id)).toEqual(['s12', 's13']);
		const unknown = runCli(['stats', 'samples.jsonl', '--where', 'signal:refusl'], {cwd: dir});
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('unknown signal "refusl": did you mean refusal?');
	});
});

describe('winnow decide: identity, modes and failures', () => {
	it('leaves alone byte-identical lines the query does not all match (no id field: one shared decision)', () => {
		const dir = tempDir();
		const a = JSON.stringify({messages: [{role: 'user', content: 'Capital of France?'}, {role: 'assistant', content: 'Paris is the capital of France.'}]});
		const b = JSON.stringify({messages: [{role: 'user', content: 'Capital of Spain?'}, {role: 'assistant', content: 'Madrid is the capital of Spain.'}]});
		writeFileSync(join(dir, 'samples.jsonl'), `${a}\n${b}\n${a}\n`);
		const result = runCli(['decide', 'samples.jsonl', '--where', 'signal:duplicate', '--verdict', 'rejected'], {cwd: dir});
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/1 sample matches 'signal:duplicate'; marked 0 samples rejected/);
		expect(result.stdout).toMatch(/1 sample was left alone: each is byte-for-byte the same line as a sample the query does not match/);
		const stats = JSON.parse(runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir}).stdout) as {status: {rejected: number}};
		expect(stats.status.rejected).toBe(0);
	});

	it('decides byte-identical lines the query matches every one of (their one shared decision)', () => {
		const dir = tempDir();
		const a = JSON.stringify({messages: [{role: 'user', content: 'Capital of France?'}, {role: 'assistant', content: 'Paris is the capital of France.'}]});
		const b = JSON.stringify({messages: [{role: 'user', content: 'Capital of Spain?'}, {role: 'assistant', content: 'Madrid is the capital of Spain.'}]});
		writeFileSync(join(dir, 'samples.jsonl'), `${a}\n${b}\n${a}\n`);
		for (const where of ['"Paris"', 'status:undecided']) {
			const result = runCli(['decide', 'samples.jsonl', '--where', where, '--verdict', 'accepted', '--dry-run'], {cwd: dir});
			expect(result.status).toBe(0);
			expect(result.stdout, where).not.toContain('left alone');
		}

		expect(runCli(['decide', 'samples.jsonl', '--where', '"Paris"', '--verdict', 'accepted'], {cwd: dir}).status).toBe(0);
		const stats = JSON.parse(runCli(['stats', 'samples.jsonl', '--json'], {cwd: dir}).stdout) as {status: {accepted: number; undecided: number}};
		// Both lines are the one sample (hash identity): both accepted.
		expect(stats.status.undecided).toBe(1);
		expect(runCli(['export', 'samples.jsonl'], {cwd: dir}).stdout).toBe(`${a}\n${a}\n`);
	});

	it('in overlap mode decides samples other reviewers decided too (each reviewer decides every sample)', () => {
		const dir = tempDir();
		dataset(dir);
		const file = writeDecisions(dir, 'samples.jsonl', [decision('s0', 'alice', 'accepted'), decision('s3', 'alice', 'accepted')]);
		const text = readFileSync(file, 'utf8');
		writeFileSync(file, text.replace('"decisions"', '"mode": "overlap",\n"decisions"'));
		const result = runCli(['decide', 'samples.jsonl', '--where', '"as an ai"', '--verdict', 'rejected'], {cwd: dir, env: {WINNOW_REVIEWER: 'bob'}});
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/marked 4 samples rejected as bob/);
		expect(current(dir).get('s0/alice')?.verdict).toBe('accepted');
		expect(current(dir).get('s0/bob')?.verdict).toBe('rejected');
	});

	it('says nothing was written when the decisions file cannot be written (nothing is kept to retry)', () => {
		const dir = tempDir();
		dataset(dir);
		const result = runCli(['decide', 'samples.jsonl', '--where', '"as an ai"', '--verdict', 'rejected', '--db', join(dir, 'no', 'such', 'd.json')], {cwd: dir});
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/nothing was written: .*d\.json cannot be written/);
		expect(result.stderr).not.toMatch(/kept in memory|retried/);
	});
});

