// The esbuild plugins scripts/bundle.js builds with: each patches one dependency's file as it is bundled,
// checked against its text (a changed version is left alone, with a warning). test/bundle-plugins.test.ts
// bundles the patched files and checks what each patch promises.

// Ink loads its devtools (react-devtools-core, which is not installed, and ws) only when DEV=true: stand
// in an empty module for them, so the bundle does not carry 130 KB that every start would parse.
export const withoutDevtools = {
	name: 'without-devtools',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'react-devtools-core', namespace: 'stub'}));
		build.onResolve({filter: /^\.\/devtools\.js$/, namespace: 'file'}, ({importer}) => (/[\\/]ink[\\/]/.test(importer) ? {path: 'ink-devtools', namespace: 'stub'} : undefined));
		build.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
	},
};

/*
yoga-layout carries its WebAssembly as a base64 data: URL, and its Emscripten loader fetches that
URL when fetch exists: on Node that loads undici (Node's fetch) and decodes the URL through it, about
50 ms of every start. Its own fallback decodes the same bytes without fetch, through atob and a
loop over the characters (Node's atob is written in JavaScript: ~3 ms of the review screen's start);
Buffer decodes base64 natively. Applied to that one file, checked against its text like the patch below.
*/
export const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(path, 'utf8');
			const fetching = 'return w||"function"!=typeof fetch?';
			const decoding = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
			if (!source.includes(fetching) || !source.includes(decoding)) {
				return {contents: source, loader: 'js', warnings: [{text: 'yoga-layout changed: its WebAssembly is loaded through fetch (see scripts/bundle.js)'}]};
			}

			return {contents: source.replace(fetching, 'return true?').replace(decoding, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'), loader: 'js'};
		});
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
export const fasterStyledChars = {
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

/*
Ink caches, per line of a frame, its cells (tokenize + styledCharsFromTokens) and each text's width,
but in a cache made anew with each frame (Output's caches field): every frame tokenised every line
and measured every character again, though from one key to the next most lines are the same (the
sample's text under a new header, the key bar). That was a third of a frame's CPU while the file is
indexed and the screen redraws. One cache for every frame instead, dropped whole once it holds 512
lines (a few MB at most), so it cannot grow with the samples seen. The cached cells are only read
(output.js places them in the frame's rows; styledCharsToString reads them), so sharing them is safe.
The lines a clipping box cuts (sliceAnsi, per line per frame) are kept in it too. And each text's
width, which rendering measured again with widest-line every frame, is Ink's own measureText (cached
since layout measured the same text): the same number.
*/
export const framesShareOutputCaches = {
	name: 'frames-share-output-caches',
	setup(build) {
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async ({path}) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(path, 'utf8');
			const perFrame = '    caches = new OutputCaches();';
			const fields = '    styledChars = new Map();';
			const slicing = 'return sliceAnsi(line, from, to);';
			if (!source.includes(perFrame) || !source.includes('class OutputCaches {') || !source.includes(fields) || !source.includes(slicing)) {
				return {contents: source, loader: 'js', warnings: [{text: 'ink changed: its output caches are made per frame (see scripts/bundle.js)'}]};
			}

			const contents = `${source.replace(perFrame, '    caches = sharedOutputCaches();').replace(fields, `${fields}\n    slices = new Map();`).replace(slicing, 'return slicedLine(this.caches, line, from, to);')}
let sharedCaches;
function sharedOutputCaches() {
	if (sharedCaches === undefined || sharedCaches.styledChars.size > 512 || sharedCaches.blockWidths.size > 512 || sharedCaches.slices.size > 512 || sharedCaches.widths.size > 8192) sharedCaches = new OutputCaches();
	return sharedCaches;
}
function slicedLine(caches, line, from, to) {
	const key = from + ':' + to + ':' + line;
	let sliced = caches.slices.get(key);
	if (sliced === undefined) {
		sliced = sliceAnsi(line, from, to);
		caches.slices.set(key, sliced);
	}
	return sliced;
}
`;
			return {contents, loader: 'js'};
		});
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/}, async ({path}) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(path, 'utf8');
			const measuring = 'const currentWidth = widestLine(text);';
			if (!source.includes(measuring) || !source.includes("import widestLine from 'widest-line';")) {
				return {contents: source, loader: 'js', warnings: [{text: 'ink changed: each text is measured again as it is rendered (see scripts/bundle.js)'}]};
			}

			return {contents: `import measureText from './measure-text.js';\n${source.replace(measuring, 'const currentWidth = measureText(text).width;')}`, loader: 'js'};
		});
	},
};

/*
string-width 8 (Ink's, widest-line's) builds /^\p{RGI_Emoji}$/v as it loads: V8 works out the set of
every emoji sequence then, 14 ms of CPU of every review screen's start (more while ICU's data is paged
in), before the first frame, though only a text with an emoji in it needs it. Every RGI emoji (UTS #51:
basic emoji, keycap, flag, tag, modifier and ZWJ sequences, all fully qualified) holds a character
with Emoji_Presentation or U+FE0F: a segment with neither is no RGI emoji, so the set is built the
first time a segment has one of those. The same widths (test/bundle-plugins.test.ts compares them).
*/
export const emojiSetOnNeed = {
	name: 'emoji-set-on-need',
	setup(build) {
		build.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, async ({path}) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(path, 'utf8');
			const eager = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
			// string-width 7 (winnow's own, through emoji-regex) builds no such set, and has no fast path at
			// all: the same width = length one for text of one-column characters (its emoji-regex makes ©, ®,
			// ‼ and ⁉ two columns wide: they are left out).
			if (!source.includes('rgiEmojiRegex')) {
				const counting = '\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};';
				if (!source.includes(counting)) return {contents: source, loader: 'js', warnings: [{text: 'string-width 7 changed: no fast path is added (see scripts/bundle-plugins.js)'}]};
				const fastV7 = '\tif (ambiguousIsNarrow && /^[\\u0020-\\u007E\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u02FF\\u0370-\\u0482\\u048A-\\u052F\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205F]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\n';
				return {contents: source.replace(counting, () => fastV7 + counting), loader: 'js'};
			}
			if (!source.includes(eager)) {
				return {contents: source, loader: 'js', warnings: [{text: 'string-width changed: its emoji set is built as it loads (see scripts/bundle-plugins.js)'}]};
			}

			const onNeed = `const maybeRgiEmoji = /[\\p{Emoji_Presentation}\\uFE0F]/u;
let rgiEmojiSet;
const rgiEmojiRegex = {test: segment => maybeRgiEmoji.test(segment) && (rgiEmojiSet ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment)};`;
			// Its fast path (width = length) for printable ASCII widened to the characters of Latin,
			// Greek and Cyrillic text and common punctuation that are one column each, on their own and
			// beside each other: no combining mark (U+0300–036F, U+0483–0489), soft hyphen, zero-width
			// or direction mark, variation selector, emoji or wide character. Each is its own grapheme,
			// so such a text is as wide as it is long; the segmenter was most of a frame's measuring
			// for text such as "café" or "Привет".
			const fast = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {';
			if (!source.includes(fast)) return {contents: source, loader: 'js', warnings: [{text: 'string-width changed: its fast path is not widened (see scripts/bundle-plugins.js)'}]};
			// (Greek and Cyrillic letters are East Asian "ambiguous": with ambiguousIsNarrow false they are two columns.)
			const widened = 'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && /^[\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u0370-\\u0482\\u048A-\\u052F\\u2010-\\u2027\\u2030-\\u205F]*$/.test(string))) {';
			// A function, so that the $' in the text is not read as a replacement pattern.
			return {contents: source.replace(eager, () => onNeed).replace(fast, () => widened), loader: 'js'};
		});
	},
};

/*
npm installs a package once per version range it cannot share: Ink, cli-truncate and widest-line each
have their own copy of string-width 8.3.0 in node_modules, and esbuild bundles each copy. Three
copies meant three Intl.Segmenters and three compilations of its emoji regular expressions on every
start. A package met again at the same name and version (the same code) is bundled once.
*/
export const oneCopyPerVersion = {
	name: 'one-copy-per-version',
	setup(build) {
		const first = new Map();
		build.onResolve({filter: /^[^./]/}, async args => {
			if (args.pluginData?.deduping) return undefined;
			const result = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: {deduping: true}});
			if (result.errors.length > 0 || !result.path.includes('node_modules')) return undefined;
			const root = packageRoot(result.path);
			if (!root) return undefined;
			const {readFileSync} = await import('node:fs');
			const {name, version} = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
			const id = `${name}@${version}:${result.path.slice(root.length)}`;
			if (!first.has(id)) first.set(id, result.path);
			return {path: first.get(id)};
		});
	},
};

function packageRoot(path) {
	const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path);
	return match?.[1];
}
