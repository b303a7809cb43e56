import {readFileSync} from 'node:fs';
import {connect, createServer, type AddressInfo, type Socket} from 'node:net';
import {join} from 'node:path';
import {expect, it} from 'vitest';
import {adminQuery, describeWithPostgres, testPgUrl, useSchema} from './helpers/postgres.js';
import {PtySession} from './helpers/pty-process.js';
import {runCli, runInPty} from './helpers/cli-run.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();
const newSchema = useSchema();

describeWithPostgres('two review screens on one PostgreSQL database', () => {
	it('see each other\'s presence and decisions, and are never handed the same sample', async () => {
		const {url} = await newSchema();
		const lines = Array.from({length: 8}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
		const path = writeFile(tempDir(), 'pair.jsonl', lines.join('\n') + '\n');
		const alice = new PtySession([path, '--db', url], {env: {WINNOW_REVIEWER: 'alice'}});
		const bob = await (async () => {
			await alice.waitFor('prompt 1');
			return new PtySession([path, '--db', url], {env: {WINNOW_REVIEWER: 'bob'}});
		})();
		try {
			await bob.waitFor('also here: alice');
			await alice.waitFor('also here: bob');
			// Bob is handed another sample than alice's (she has sample 1 open, and a few leased ahead).
			const first = await bob.waitFor(/prompt [2-8]\b/);
			expect(first).not.toMatch(/prompt 1\b/);

			// Alice accepts sample 1: bob's counts show it within a second.
			alice.write('a');
			await bob.waitFor(/1\/8 decided/);

			// Bob goes to sample 1 and sees alice's decision on it.
			bob.write('F');
			await bob.waitFor(/filter: all/);
			bob.write('g');
			const screen = await bob.waitFor('prompt 1');
			expect(screen).toMatch(/alice: accepted/);

			// Bob, having opened it on purpose, disagrees: alice's screen shows the conflict.
			bob.write('r');
			await alice.waitFor(/0\/8 decided .*≠1/);
		} finally {
			alice.write('q');
			bob.write('q');
		}

		expect(await alice.waitExit()).toBe(0);
		expect(await bob.waitExit()).toBe(0);
		const last = bob.output;
		expect(last).toMatch(/saved in postgres:\/\/postgres@127\.0\.0\.1:5432\/test/);
	});
});

describeWithPostgres('a review screen while its database is unreachable', () => {
	it('says not saved (n), warns on quit, and writes the decisions once the database is back', async () => {
		const {url, schema} = await newSchema();
		const target = new URL(testPgUrl);
		// A proxy the test can cut: winnow reaches PostgreSQL only through it.
		const sockets = new Set<Socket>();
		let open = true;
		const proxy = createServer(client => {
			if (!open) {
				client.destroy();
				return;
			}

			const server = connect(Number(target.port || 5432), target.hostname);
			for (const socket of [client, server]) {
				sockets.add(socket);
				socket.on('error', () => undefined);
				socket.on('close', () => {
					sockets.delete(socket);
					client.destroy();
					server.destroy();
				});
			}

			client.pipe(server).pipe(client);
		});
		await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
		const {port} = proxy.address() as AddressInfo;
		const proxied = new URL(url);
		proxied.host = `127.0.0.1:${port}`;
		proxied.password = 'sekrit';
		const lines = Array.from({length: 5}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
		const path = writeFile(tempDir(), 'cut.jsonl', lines.join('\n') + '\n');
		const review = new PtySession([path, '--db', proxied.toString()], {env: {WINNOW_REVIEWER: 'alice'}});
		try {
			await review.waitFor('prompt 1');
			review.write('a');
			await review.waitFor(/1\/5 decided .*· saved/);

			// The network drops: decisions stay in memory and the status bar says so.
			open = false;
			for (const socket of sockets) socket.destroy();
			review.write('a');
			await review.waitFor(/not saved \(1\)/);
			review.write('q');
			const warning = await review.waitFor(/1 decision is not saved yet: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test/);
			expect(warning).not.toContain('sekrit');

			// It comes back: winnow reconnects by itself and writes the decision.
			open = true;
			await review.waitFor(/2\/5 decided .*· saved/);
			const rows = await adminQuery<{n: string}>(`select count(*) as n from ${schema}.winnow_current where verdict is not null`);
			const all = await adminQuery(`select sample, verdict, refused_by, session from ${schema}.winnow_decisions order by seq`);
			expect(Number(rows.rows[0].n), JSON.stringify(all.rows)).toBe(2);
		} finally {
			review.write('q');
			review.write('q');
			await review.waitExit().catch(() => undefined);
			open = false;
			for (const socket of sockets) socket.destroy();
			await new Promise(resolve => proxy.close(resolve));
		}

		expect(review.output).not.toContain('sekrit');
	});
});

describeWithPostgres('the review mode of a dataset in PostgreSQL', () => {
	it('is the first session\'s: a later one and a lead with no flag use it, a contradicting --mode is one error, pull carries it', async () => {
		const {url, schema} = await newSchema();
		const dir = tempDir();
		const lines = Array.from({length: 4}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
		const path = writeFile(dir, 'modes.jsonl', lines.join('\n') + '\n');
		const alice = new PtySession([path, '--db', url, '--mode', 'overlap'], {env: {WINNOW_REVIEWER: 'alice'}});
		await alice.waitFor('prompt 1');
		alice.write('a');
		await alice.waitFor(/1\/4 decided .*· saved/);
		alice.write('q');
		expect(await alice.waitExit()).toBe(0);
		const stored = await adminQuery<{mode: string}>(`select mode from ${schema}.winnow_datasets where name = 'modes.jsonl'`);
		expect(stored.rows[0].mode).toBe('overlap');

		// Bob, with no --mode, reviews in overlap mode: blind to alice's verdict on s1.
		const bob = new PtySession([path, '--db', url], {env: {WINNOW_REVIEWER: 'bob'}});
		let screen = await bob.waitFor('prompt 1');
		expect(screen).not.toMatch(/alice/);
		bob.write('t');
		await bob.waitFor(/overlap mode/);
		bob.write('q');
		await bob.waitFor(/filter: undecided/);
		bob.write('q');
		expect(await bob.waitExit()).toBe(0);

		// A lead with no flag: overlap too (the stats panel says so), and sees alice's verdict.
		const lead = new PtySession([path, '--db', url, '--lead'], {env: {WINNOW_REVIEWER: 'lee'}});
		screen = await lead.waitFor('prompt 1');
		expect(screen).toMatch(/alice: accepted/);
		lead.write('t');
		await lead.waitFor(/overlap mode/);
		lead.write('q');
		await lead.waitFor(/filter: undecided/);
		lead.write('q');
		expect(await lead.waitExit()).toBe(0);

		// --mode split contradicts it: one clear error, the password never shown.
		const withPassword = new URL(url);
		withPassword.password = 'sekrit';
		const wrong = await runInPty([path, '--db', withPassword.toString(), '--mode', 'split'], {env: {WINNOW_REVIEWER: 'cy'}, cols: 400});
		expect(wrong.code).not.toBe(0);
		expect(wrong.output).toMatch(/the review of modes\.jsonl in postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\/test\S* was started in overlap mode, and every session on it reviews in that mode: leave out --mode split, or give --dataset-name NAME for a split round\./);
		expect(wrong.output).not.toContain('sekrit');

		// db pull writes it into the file's head.
		const out = join(dir, 'modes.decisions.json');
		expect(runCli(['db', 'pull', '--db', url, '--dataset', path, '--out', out]).status).toBe(0);
		expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({mode: 'overlap'});
	});
});
