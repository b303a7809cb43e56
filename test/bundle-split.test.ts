import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from './helpers/cli-run.js';

/*
Commands that draw no screen (export, stats, --version, --help) must start without loading React
and Ink: the bundle is split at the commands' dynamic imports (scripts/bundle.js). Checked on the
built files: what cli.js and each command's chunk import statically, file by file.
*/

const dist = dirname(cliPath);
/** React's element marker: in React's code, and so in any file that bundles it. */
const reactMarker = 'react.transitional.element';

/** The file and every file it imports statically (not through import()), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) return seen;
	seen.add(file);
	const text = readFileSync(join(dist, file), 'utf8');
	for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) staticClosure(match[1], seen);
	return seen;
}

function loadsReact(file: string): boolean {
	return [...staticClosure(file)].some(name => readFileSync(join(dist, name), 'utf8').includes(reactMarker));
}

/** The chunk cli.js imports for a command (`import("./export-….js")`). */
function chunkOf(command: string): string {
	const match = new RegExp(`import\\("\\./(${command}-[^"]+\\.js)"\\)`).exec(readFileSync(cliPath, 'utf8'));
	expect(match, `cli.js imports a ${command} chunk`).not.toBeNull();
	return match![1];
}

describe('the bundle loads React and Ink only for the review screen', () => {
	it.runIf(existsSync(cliPath))('cli.js, and the export and stats chunks, do not import React; the review chunk does', () => {
		expect(loadsReact('cli.js')).toBe(false);
		expect(loadsReact(chunkOf('export'))).toBe(false);
		expect(loadsReact(chunkOf('stats'))).toBe(false);
		expect(loadsReact(chunkOf('review'))).toBe(true);
	});

	it.runIf(existsSync(cliPath))('cli.js alone is small: the option checks, the config, the query language and the key table load after --version', () => {
		// Every start reads and compiles this much before it knows the command (was 313 KB with meow).
		const bytes = [...staticClosure('cli.js')].reduce((sum, name) => sum + readFileSync(join(dist, name)).length, 0);
		expect(bytes).toBeLessThan(40_000);
	});

	it.runIf(existsSync(cliPath))('the review screen loads the signals\' detectors after its first frame, not before (they run on a worker)', () => {
		// A named group of the refusal detector's pattern: in its code, and so in any file that bundles it.
		const detectorMarker = '(?<laterUnspaced>';
		const startsWith = ['cli.js', chunkOf('review'), chunkOf('dataset'), chunkOf('table-preload')].flatMap(file => [...staticClosure(file)]);
		expect(startsWith.filter(name => readFileSync(join(dist, name), 'utf8').includes(detectorMarker))).toEqual([]);
	});

	it.runIf(existsSync(cliPath))('the signals\' code the review screen loads once the file is indexed holds no detector: those load a piece at a time when the table comes', () => {
		// Loading them with it took the screen's thread ~50 ms in one go, just when the first keys after indexing came.
		const detectorMarker = '(?<laterUnspaced>';
		const review = readFileSync(join(dist, chunkOf('review')), 'utf8');
		const loadedLater = [...review.matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map(match => match[1]);
		const compute = loadedLater.filter(file => [...staticClosure(file)].some(name => readFileSync(join(dist, name), 'utf8').includes('signals could not be computed')));
		expect(compute).toHaveLength(1);
		const closure = [...staticClosure(compute[0])];
		expect(closure.filter(name => readFileSync(join(dist, name), 'utf8').includes(detectorMarker))).toEqual([]);
		// The pieces: the refusal detector's modules are chunks of their own, none of them the whole detector set.
		const pieces = closure.flatMap(name => [...readFileSync(join(dist, name), 'utf8').matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map(match => match[1]));
		expect(pieces.length).toBeGreaterThanOrEqual(8);
		expect(new Set(pieces).size).toBe(pieces.length);
		for (const piece of pieces) expect(readFileSync(join(dist, piece)).length).toBeLessThan(120_000);
	});

	it.runIf(existsSync(cliPath))('stats loads no detector unless --where asks (its figures need none)', () => {
		const detectorMarker = '(?<laterUnspaced>';
		expect([...staticClosure(chunkOf('stats'))].filter(name => readFileSync(join(dist, name), 'utf8').includes(detectorMarker))).toEqual([]);
	});

	it.runIf(existsSync(cliPath))('answers --version and --help after a command too', () => {
		const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version as string;
		for (const command of ['export', 'stats']) {
			const result = runCli([command, '--version']);
			expect(result.status).toBe(0);
			expect(result.stdout.trim()).toBe(version);
			const help = runCli([command, 'data.jsonl', '--help']);
			expect(help.status).toBe(0);
			expect(help.stdout).toContain('Usage');
		}
	});
});

describe('the signals worker starts its helpers before it loads the signals\' code', () => {
	it('signals-worker.ts imports nothing heavy before it has split the file and started the helpers (they load their code at the same time)', () => {
		const source = readFileSync(join(dirname(cliPath), '..', 'source', 'dataset', 'signals', 'signals-worker.ts'), 'utf8');
		const staticImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)';/gm)].map(match => match[1]);
		expect(staticImports.sort()).toEqual(['./split-file.js', './worker-priority.js', 'node:os', 'node:worker_threads']);
		// analyse-file.ts (the engine and every detector) is loaded after the helpers are started.
		expect(source.indexOf('readInHelper({')).toBeLessThan(source.indexOf("await import('./analyse-file.js')", source.indexOf('async function computeWhole')));
	});
});
