// Bundles the command line into one file: loading Ink and React from one file instead of hundreds of
// modules takes a quarter of the time, and a reviewer sees the first frame sooner. The plugins that
// patch dependencies as they are bundled are in bundle-plugins.js.
import {build} from 'esbuild';
import {emojiSetOnNeed, fasterStyledChars, framesShareOutputCaches, oneCopyPerVersion, withoutDevtools, yogaWithoutFetch} from './bundle-plugins.js';

/*
One entry, split at its dynamic imports: each command is a chunk of its own that cli.js loads when
that command runs, so `winnow export`, `winnow stats` and `--version`/`--help` never load (read,
compile) React and Ink, which only the review screen draws with. Chunks are written beside cli.js
(dist/<name>-<hash>.js), where the workers are found too (new URL('…-worker.js', import.meta.url)).
*/
// Chunks of an earlier build carry other hashes: remove them, so dist/ holds only what cli.js loads.
const {existsSync, readdirSync, rmSync} = await import('node:fs');
for (const name of existsSync('dist') ? readdirSync('dist', {withFileTypes: true}) : []) {
	if (name.isFile() && /^[a-z-]+-[A-Z\d]{8}\.js$/.test(name.name)) rmSync(`dist/${name.name}`);
}

/*
The signals cache is keyed on the code that computes signals, not only on winnow's version: a build
whose detectors, formats or text handling differ (a change between releases, a local edit) must not
read tables an earlier build stored. The key is a hash of every file under source/dataset/.
*/
const {createHash} = await import('node:crypto');
const fs = await import('node:fs');
const datasetCode = createHash('sha256');
for (const file of fs.readdirSync('source/dataset', {recursive: true}).map(String).filter(name => name.endsWith('.ts')).sort()) datasetCode.update(file).update(fs.readFileSync(`source/dataset/${file}`));
// The signal engine's groups (--by) read field paths with the query's field-path.ts.
datasetCode.update('query/field-path.ts').update(fs.readFileSync('source/query/field-path.ts'));
const signalsCode = JSON.stringify(datasetCode.digest('hex').slice(0, 16));

await build({
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	splitting: true,
	chunkNames: '[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	plugins: [withoutDevtools, oneCopyPerVersion, yogaWithoutFetch, fasterStyledChars, framesShareOutputCaches, emojiSetOnNeed],
	// The PostgreSQL client is loaded from node_modules, and only with --db postgres://… (a dynamic
	// import): the file store's start does not parse it.
	external: ['pg', 'pg-cursor', 'pg-connection-string', 'pg-native'],
	// Half the bytes to read and compile at every start (~45 ms here); nothing reads function names.
	minify: true,
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __winnowRequire} from 'node:module';\nconst require = __winnowRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"', __WINNOW_SIGNALS_CODE__: signalsCode},
	legalComments: 'none',
	logLevel: 'warning',
});

// The workers, which Dataset (indexing), the scan behind export and stats (the entries' facts), computeSignals (signals) and the review's decisions file (table-preload.ts) start from beside the bundle.
for (const [entry, outfile] of [['source/dataset/index-worker.ts', 'dist/index-worker.js'], ['source/dataset/scan-worker.ts', 'dist/scan-worker.js'], ['source/dataset/signals/signals-worker.ts', 'dist/signals-worker.js'], ['source/store/decisions-worker.ts', 'dist/decisions-worker.js']]) {
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		define: {__WINNOW_SIGNALS_CODE__: signalsCode},
		legalComments: 'none',
		logLevel: 'warning',
	});
}
