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

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	plugins: [withoutDevtools],
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __winnowRequire} from 'node:module';\nconst require = __winnowRequire(import.meta.url);"},
	define: {'process.env.NODE_ENV': '"production"'},
	legalComments: 'none',
	logLevel: 'warning',
});
