// Bundles the command line into one file: loading Ink and React from one file instead of hundreds of
// modules takes a quarter of the time, and a reviewer sees the first frame sooner.
import {build} from 'esbuild';

// Ink loads react-devtools-core only when DEV=true; it is not installed, so stand in an empty module.
const withoutDevtools = {
	name: 'without-devtools',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		build.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

/*
Ink turns each frame into text cell by cell with @alcalzone/ansi-tokenize: every cell gets its own
copy of the active styles, and between every two cells diffAnsiCodes builds three Sets to find that
nothing changed. For a 100×30 frame that is most of a frame's time. Two exact shortcuts, applied to
that one file as it is bundled (checked against its text, so a changed version is left alone with
a warning rather than patched blindly):
- cells share the styles array of their run (reduceAnsiCodesIncremental returns a new array on every
  change and nothing mutates one, so sharing is safe);
- neighbouring cells with the same styles (the same array, or the same codes in the same order) add
  nothing between them: diffAnsiCodes of equal lists is empty.
*/
const fasterStyledChars = {
	name: 'faster-styled-chars',
	setup(build) {
		build.onLoad({filter: /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/}, async ({path}) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(path, 'utf8');
			const copies = 'styles: [...codes],';
			const diff = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
			if (!source.includes(copies) || !source.includes(diff)) {
				return {contents: source, loader: 'js', warnings: [{text: 'ansi-tokenize changed: frames are built without the shortcuts (see scripts/bundle.js)'}]};
			}

			const contents = `${source.replace(copies, 'styles: codes,').replace(diff, 'ret += sameStyles(chars[i - 1].styles, char.styles) ? "" : ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));')}
function sameStyles(a, b) {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
`;
			return {contents, loader: 'js'};
		});
	},
};

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	plugins: [withoutDevtools, fasterStyledChars],
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __winnowRequire} from 'node:module';\nconst require = __winnowRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'none',
	logLevel: 'warning',
});

// The indexing worker (source/dataset/index-worker.ts), which Dataset starts from beside the bundle.
await build({
	entryPoints: ['source/dataset/index-worker.ts'],
	outfile: 'dist/index-worker.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	legalComments: 'none',
	logLevel: 'warning',
});

// The checking worker (source/report/check-worker.ts), which export and stats start from beside the bundle.
await build({
	entryPoints: ['source/report/check-worker.ts'],
	outfile: 'dist/check-worker.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	legalComments: 'none',
	logLevel: 'warning',
});
