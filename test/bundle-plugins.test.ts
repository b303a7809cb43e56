// The esbuild plugins that patch dependencies as winnow is bundled (scripts/bundle-plugins.js): each
// applies to the installed version (no warning) and does what it promises, on the patched files
// bundled here the way scripts/bundle.js bundles them.
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: a JavaScript build script, without types
import {emojiSetOnNeed, fasterStyledChars, framesShareOutputCaches, yogaWithoutFetch} from '../scripts/bundle-plugins.js';
import {segmenterCalls} from './helpers/segmenter-calls.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const root = join(import.meta.dirname, '..');
const tempDir = useTempDir('file');

/** `source` (ES module text, importing from node_modules) bundled with `plugins` and imported. */
async function bundled<T>(name: string, source: string, plugins: Plugin[]): Promise<{module: T; warnings: string[]}> {
	const result = await build({
		stdin: {contents: source, resolveDir: root, loader: 'js'},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		write: false,
		plugins,
		define: {'process.env.NODE_ENV': '"production"'},
		banner: {js: "import {createRequire as __winnowRequire} from 'node:module';\nconst require = __winnowRequire(import.meta.url);"},
		logLevel: 'silent',
	});
	const file = writeFile(tempDir(), `${name}.mjs`, result.outputFiles[0].text);
	return {module: await import(pathToFileURL(file).href) as T, warnings: result.warnings.map(warning => warning.text)};
}

type Output = {caches: {styledChars: Map<string, unknown>}; write(x: number, y: number, text: string, options: {transformers: unknown[]}): void; clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void; unclip(): void; get(): {output: string; height: number}};
type OutputClass = new (options: {width: number; height: number}) => Output;

/** A frame drawn by Ink's Output: styled text, a clipped box, wide characters. */
function frame(Output: OutputClass, lines: string[]): string {
	const output = new Output({width: 24, height: lines.length + 2});
	for (const [y, line] of lines.entries()) output.write(0, y, line, {transformers: []});
	output.clip({x1: 3, x2: 9});
	output.write(1, lines.length, '\u001B[1mclipped\u001B[22m 漢字 and more', {transformers: []});
	output.unclip();
	output.write(0, lines.length + 1, '\u001B[32m✓\u001B[39m 😀 done', {transformers: []});
	return output.get().output;
}

describe('the bundle\'s patches of Ink', () => {
	it('every frame shares one bounded cache of cells, and draws the same frames as unpatched Ink', async () => {
		// Ink's package exports only its index: its files by path.
		const entry = `export {default as Output} from '${join(root, 'node_modules', 'ink', 'build', 'output.js')}';`;
		const patched = await bundled<{Output: OutputClass}>('patched', entry, [fasterStyledChars, framesShareOutputCaches]);
		const plain = await bundled<{Output: OutputClass}>('plain', entry, []);
		expect(patched.warnings).toEqual([]);
		const {Output} = patched.module;
		expect(new Output({width: 4, height: 1}).caches).toBe(new Output({width: 4, height: 1}).caches);
		const lines = ['\u001B[31mred\u001B[39m and plain', 'ünïcödé \u001B[7minverse\u001B[27m', '', 'tab\tand  spaces'];
		for (let round = 0; round < 3; round++) expect(frame(Output, lines)).toBe(frame(plain.module.Output, lines));
		// Dropped whole once it holds 512 lines: it does not grow with the samples seen.
		const many = Array.from({length: 600}, (_, i) => `line ${i}`);
		frame(Output, many);
		expect(new Output({width: 4, height: 1}).caches.styledChars.size).toBeLessThanOrEqual(1);
	});

	it('Ink takes each text\'s width from its measureText cache as it renders (the patch applies)', async () => {
		const {warnings} = await bundled('render', `export {default} from '${join(root, 'node_modules', 'ink', 'build', 'render-node-to-output.js')}';`, [framesShareOutputCaches]);
		expect(warnings).toEqual([]);
	});

	it('yoga\'s WebAssembly loads without fetch and without atob', async () => {
		const saved = {fetch: globalThis.fetch, atob: globalThis.atob};
		const refuse = () => {
			throw new Error('not to be used');
		};

		globalThis.fetch = refuse as unknown as typeof fetch;
		globalThis.atob = refuse;
		try {
			type Yoga = {Node: {create(): {setWidth(width: number): void; calculateLayout(): void; getComputedWidth(): number}}};
			const {module, warnings} = await bundled<{default: Yoga}>('yoga', "export {default} from 'yoga-layout';", [yogaWithoutFetch]);
			expect(warnings).toEqual([]);
			const node = module.default.Node.create();
			node.setWidth(42);
			node.calculateLayout();
			expect(node.getComputedWidth()).toBe(42);
		} finally {
			Object.assign(globalThis, saved);
		}
	});

	it('string-width builds its emoji set only for a text that may hold an emoji, takes Latin, Greek and Cyrillic text as wide as it is long, and measures as before', async () => {
		const entry = `export {default} from '${join(root, 'node_modules', 'ink', 'node_modules', 'string-width', 'index.js')}';`;
		// The emoji sets built (esbuild writes the /v literal as new RegExp for Node 20).
		const built: string[] = [];
		const NativeRegExp = globalThis.RegExp;
		globalThis.RegExp = new Proxy(NativeRegExp, {
			construct(target, args: [string, string?]) {
				if (String(args[0]).includes('RGI_Emoji')) built.push(String(args[0]));
				return new target(...args);
			},
		});
		let patched: {module: {default: (text: string) => number}; warnings: string[]};
		try {
			patched = await bundled<{default: (text: string) => number}>('width-patched', entry, [emojiSetOnNeed]);
			expect(patched.warnings).toEqual([]);
			expect(patched.module.default('café naïve 漢字 한국어 e\u0301 © 2')).toBe(28);
			expect(built).toEqual([]);
			expect(patched.module.default('ok 👍')).toBe(5);
			expect(built).toHaveLength(1);
		} finally {
			globalThis.RegExp = NativeRegExp;
		}

		// Latin, Greek and Cyrillic text is measured without the grapheme segmenter (most of a frame's measuring).
		const text = 'Привет, мир — «цитата» … café naïve Ελληνικά Łódź';
		expect(segmenterCalls(() => {
			expect(patched!.module.default(text)).toBe(text.length);
		})).toBe(0);
		expect(segmenterCalls(() => {
			expect(patched!.module.default('cafe\u0301')).toBe(4);
		})).toBe(1);

		const plain = await bundled<{default: (text: string) => number}>('width-plain', entry, []);
		const texts = ['café naïve 漢字 한국어 ﾊﾝｶｸ', 'e\u0301', '🇫🇷🇺🇸', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', '#️⃣ 1️⃣ #⃣', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️‍🔥', '🧑🏽‍💻', '☝🏻', '☝', '©', '©️', '2', 'x\u200Dy'];
		// Every character of the planes where text and emoji live, alone and with what makes an emoji of it.
		for (const [from, to] of [[0x20, 0x2C00], [0x3000, 0x3100], [0xAC00, 0xAD00], [0xFE00, 0x10000], [0x1F000, 0x1FB00]]) {
			for (let code = from; code < to; code++) {
				const character = String.fromCodePoint(code);
				texts.push(character, `${character}\uFE0F`, `${character}\u{1F3FB}`, `${character}\uFE0F\u20E3`);
			}
		}

		// Texts of several characters: Latin, Greek, Cyrillic and punctuation (the widened fast path) and
		// what must leave it (combining marks, soft hyphen, zero-width joiner, variation selector, wide characters).
		const pool = [...'aZ09 ~é ñüßøÆœ ŁŠ ǅ ʼ ˈ ΑΩάώ ϐ АЯёЇ Ѣ Ԯ ‐–—‘’“”†•…‰′‹›⁄⁊', '\u0301', '\u0483', '\u00AD', '\u200D', '\uFE0F', '漢', '👍', '\u02FF', '\u0370', '\u052F', '\u205F'];
		let seed = 7;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		for (let n = 0; n < 3000; n++) texts.push(Array.from({length: 1 + Math.floor(random() * 12)}, () => pool[Math.floor(random() * pool.length)]).join(''));
		texts.push('Привет, мир — «цитата» …', 'Ελληνικά: καλημέρα!', 'Łódź, Kraków – Gdańsk', 'café\u0301', 'soft\u00ADhyphen');
		const differing = texts.filter(text => patched.module.default(text) !== plain.module.default(text));
		expect(differing).toEqual([]);
		// Asked to take ambiguous characters as wide, Greek and Cyrillic are measured as before (two columns).
		expect(patched!.module.default('αβγ', {ambiguousIsNarrow: false} as never)).toBe(plain.module.default('αβγ', {ambiguousIsNarrow: false} as never));
	});

	it('winnow\'s own string-width 7 measures one-column text without the segmenter, and as before', async () => {
		const entry = `export {default} from '${join(root, 'node_modules', 'string-width', 'index.js')}';`;
		const patched = await bundled<{default: (text: string, options?: {ambiguousIsNarrow?: boolean}) => number}>('width7-patched', entry, [emojiSetOnNeed]);
		const plain = await bundled<{default: (text: string, options?: {ambiguousIsNarrow?: boolean}) => number}>('width7-plain', entry, []);
		expect(patched.warnings).toEqual([]);
		const text = '· reviewer Zoë · 1,234/40,000 ✓ — «Привет» … Ελληνικά';
		expect(segmenterCalls(() => {
			expect(patched.module.default(text.replace('✓', 'x'))).toBe(text.length);
		})).toBe(0);

		const texts: string[] = ['©', '®', '‼', '⁉', 'a\u0301', 'soft\u00ADhyphen', '©️', 'x\u200Dy', 'Привет'];
		for (let code = 0x20; code < 0x2C00; code++) texts.push(String.fromCodePoint(code));
		const pool = [...'aZ09 ~é ñüßøÆœ ŁŠ ΑΩάώ АЯёЇ ‐–—‘’“”†•…‰′‹›', '©', '®', '‼', '\u0301', '\u00AD', '\u200D', '\uFE0F', '漢', '👍'];
		let seed = 11;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		for (let n = 0; n < 3000; n++) texts.push(Array.from({length: 1 + Math.floor(random() * 12)}, () => pool[Math.floor(random() * pool.length)]).join(''));
		expect(texts.filter(text => patched.module.default(text) !== plain.module.default(text))).toEqual([]);
		expect(texts.filter(text => patched.module.default(text, {ambiguousIsNarrow: false}) !== plain.module.default(text, {ambiguousIsNarrow: false}))).toEqual([]);
	});
});
