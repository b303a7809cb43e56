// The binding table (source/review/bindings.ts) is the one place a key is written: dispatch, the key
// bar, the help panel, the CLI's --help and the README's key table all come from it or are checked
// against it.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {applyKeyOverrides, allChains, bindingModes, defaultBindings, findBinding, findClash, modeChain, type Binding} from '../source/review/bindings.js';
import {cliKeyLines, helpRows, scrollHint} from '../source/review/key-help.js';
import {keyName, normalizeKey, showKey, showKeys} from '../source/review/keys.js';
import {helpLines} from '../source/ui/HelpPanel.js';
import {browseHintParts, hintText, modeHintText, modeHints} from '../source/ui/KeyHints.js';
import {handleInput, type DrawnViewports} from '../source/ui/key-dispatch.js';
import {chatLines, reviewFixture} from './helpers/review-fixture.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

const drawn: DrawnViewports = {sample: {rows: 10, total: undefined, cursor: 0}, panel: {rows: 10, total: 0}};

describe('the binding table', () => {
	it('names every action once, and every binding has keys, a label and help', () => {
		const names = defaultBindings.map(binding => binding.name);
		expect(new Set(names).size).toBe(names.length);
		for (const binding of defaultBindings) {
			expect(binding.keys.length, binding.name).toBeGreaterThan(0);
			expect(binding.label, binding.name).not.toBe('');
			expect(binding.help, binding.name).not.toBe('');
			for (const key of binding.keys) expect(normalizeKey(key), `${binding.name}: ${key}`).toBe(key);
			if (binding.pair) expect(names, binding.name).toContain(binding.pair);
		}
	});

	it('no two bindings of one mode share a key, nor of one chain of modes', () => {
		for (const mode of bindingModes) {
			const seen = new Map<string, string>();
			for (const binding of defaultBindings.filter(binding => binding.modes.includes(mode))) {
				for (const key of binding.keys) {
					expect(seen.get(key), `${mode}: ${showKey(key)} is bound to ${seen.get(key)} and ${binding.name}`).toBeUndefined();
					seen.set(key, binding.name);
				}
			}
		}

		expect(findClash(defaultBindings)).toBeUndefined();
		// Every screen mode looks up in one of the chains checked.
		for (const mode of [{name: 'browse'}, {name: 'note', text: ''}, {name: 'help'}, {name: 'metadata'}, {name: 'unsaved'}, {name: 'bias', selected: [], focus: 0, note: '', editingNote: true}] as const) {
			expect(allChains).toContainEqual(modeChain(mode));
		}
	});

	it('the help panel lists every reason for a rejection with its digit (the key bar may be cut)', () => {
		const reasons = ['factually wrong', 'unsafe', 'off-topic', 'low quality', 'formatting', 'duplicate', 'refusal'];
		const help = helpLines(80, defaultBindings, reasons).map(line => `${line.key ?? ''}${line.text}`);
		for (const [i, reason] of reasons.entries()) expect(help.some(line => line.trimStart().startsWith(String(i + 1)) && line.endsWith(reason)), reason).toBe(true);
	});

	it('every binding is in the help panel, under its keys', () => {
		const help = helpLines(200).map(line => `${line.key ?? ''}${line.text}`).join('\n');
		const rows = helpRows(defaultBindings).flatMap(section => section.rows);
		for (const binding of defaultBindings) {
			const row = rows.find(([keys]) => binding.keys.every(key => keys.includes(showKeys([key]))) || keys.includes(showKeys(binding.keys)));
			expect(row, binding.name).toBeDefined();
			expect(help, binding.name).toContain(row![0]);
		}

		for (const binding of defaultBindings.filter(binding => !defaultBindings.some(other => other.pair === binding.name))) {
			expect(help, binding.name).toContain(binding.help);
		}
	});

	it('every binding is in the CLI\'s --help key list', () => {
		const cli = cliKeyLines(defaultBindings, 96).join('\n');
		for (const binding of defaultBindings) expect(cli, binding.name).toContain(`${showKeys(binding.keys, '/')} ${binding.label}`);
		for (const line of cliKeyLines(defaultBindings, 96)) expect(line.length).toBeLessThanOrEqual(96);
	});

	it('every binding\'s keys are in the README\'s key tables', () => {
		const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
		const start = readme.indexOf('<!-- keys: checked against source/review/bindings.ts -->');
		const end = readme.indexOf('<!-- end of keys -->');
		expect(start).toBeGreaterThan(0);
		expect(end).toBeGreaterThan(start);
		const table = readme.slice(start, end);
		for (const binding of defaultBindings) {
			for (const part of showKeys(binding.keys).split(' / ')) expect(table, `${binding.name}: ${part}`).toContain(`\`${part}\``);
			// The action's name, for remapping in winnow.config.json.
			expect(readme, binding.name).toContain(`\`${binding.name}\``);
		}
	});
});

describe('key names', () => {
	it('names Ink\'s keys as the table writes them', () => {
		expect(keyName('a', {})).toBe('a');
		expect(keyName('', {leftArrow: true})).toBe('left');
		expect(keyName('', {delete: true})).toBe('backspace');
		expect(keyName('c', {ctrl: true})).toBe('ctrl-c');
		expect(keyName('ab', {})).toBeUndefined();
		expect(showKeys(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'])).toBe('1-9 / 0');
		expect(normalizeKey('Esc')).toBe('escape');
		expect(normalizeKey('space')).toBe(' ');
		expect(normalizeKey('f1')).toBeUndefined();
	});

	it('finds a binding by mode: a letter in a text field is text, ctrl-c quits anywhere', () => {
		expect(findBinding(defaultBindings, ['browse'], 'a')?.name).toBe('accept');
		expect(findBinding(defaultBindings, modeChain({name: 'note', text: ''}), 'a')).toBeUndefined();
		expect(findBinding(defaultBindings, modeChain({name: 'note', text: ''}), 'ctrl-c')?.name).toBe('quit-now');
		expect(findBinding(defaultBindings, modeChain({name: 'help'}), '?')?.name).toBe('help');
		expect(findBinding(defaultBindings, modeChain({name: 'stats'}), '?')).toBeUndefined();
	});
});

describe('the key bar', () => {
	it('is made from the table: deciding keys first, ? help and q quit pinned at the end', () => {
		expect(hintText(...Object.values(browseHintParts(200)) as [never, never])).toBe('a accept  r reject  b bias  s skip  u undo  c note  ←→ move  / search  f filter  t stats  e edit  i guide  ? help  q quit');
		expect(modeHintText(modeHints({name: 'unsaved'}), 200)).toBe('r retry saving · w wait and keep reviewing · q quit anyway (unsaved decisions are lost)');
		expect(modeHintText(modeHints({name: 'bias', selected: [], focus: 0, note: '', editingNote: false}), 200)).toBe('1-9 0 toggle · ↑↓ move · space toggle · tab note · enter flag · esc cancel');
		expect(modeHintText(modeHints({name: 'note', text: ''}), 200)).toBe('type a note · ctrl-u clear · ctrl-w word · enter save (empty removes it) · esc cancel');
		// Narrow: the first hints give way, how to finish and how to get out stay.
		expect(modeHintText(modeHints({name: 'note', text: ''}), 20)).toBe('enter save · esc');
		expect(modeHintText(modeHints({name: 'help'}), 200)).toBe('↑↓ scroll · PgUp/PgDn page · esc close');
	});

	it('names the scroll keys under a long sample and a panel', () => {
		expect(scrollHint(defaultBindings, 'sample')).toBe('↑↓ j/k PgUp/PgDn scroll');
		expect(scrollHint(defaultBindings, 'panel')).toBe('↑↓ j/k PgUp/PgDn scroll');
		expect(scrollHint(applyKeyOverrides(defaultBindings, {'scroll-down': ['down', 'w'], 'scroll-up': ['up']}), 'sample')).toBe('↑↓ w PgUp/PgDn scroll');
	});

	it('shows remapped keys', () => {
		const remapped = applyKeyOverrides(defaultBindings, {accept: 'Y', previous: ['p'], quit: ['Q', 'ctrl-c']});
		expect(hintText(...Object.values(browseHintParts(200, remapped)) as [never, never])).toMatch(/^Y accept {2}r reject .* p→ move .* Q quit$/);
	});
});

describe('remapping keys (the config file\'s "keys")', () => {
	it('replaces an action\'s keys and leaves the default table alone', () => {
		const remapped = applyKeyOverrides(defaultBindings, {accept: 'Y', reject: ['R', 'x'], cancel: 'ctrl-g'});
		expect(findBinding(remapped, ['browse'], 'Y')?.name).toBe('accept');
		expect(findBinding(remapped, ['browse'], 'a')).toBeUndefined();
		expect(findBinding(remapped, ['browse'], 'R')?.name).toBe('reject');
		// The reason digits' words follow the reject key.
		expect(remapped.find(binding => binding.name === 'give-reason')?.help).toMatch(/^right after R: /);
		expect(defaultBindings.find(binding => binding.name === 'give-reason')?.help).toMatch(/^right after r: /);
		expect(findBinding(remapped, modeChain({name: 'note', text: ''}), 'ctrl-g')?.name).toBe('cancel');
		expect(findBinding(defaultBindings, ['browse'], 'a')?.name).toBe('accept');
		expect(applyKeyOverrides(defaultBindings, undefined)).toEqual(defaultBindings);
		// The whole config object works too.
		expect(findBinding(applyKeyOverrides(defaultBindings, {keys: {accept: 'Y'}}), ['browse'], 'Y')?.name).toBe('accept');
	});

	it('refuses a clash in one sentence naming both actions', () => {
		expect(() => applyKeyOverrides(defaultBindings, {accept: 's'})).toThrow(/^Key "s" is given to both accept and skip \(browse keys\): give one of them another key under "keys"\.$/);
		expect(() => applyKeyOverrides(defaultBindings, {'panel-down': 'q'})).toThrow(/both panel-down and close-panel|both close-panel and panel-down/);
		// Moving the clashing action away too is fine.
		expect(findBinding(applyKeyOverrides(defaultBindings, {accept: 's', skip: 'space'}), ['browse'], 's')?.name).toBe('accept');
	});

	it('refuses an unknown action, an unknown key, a letter for a text field\'s key, and an empty list', () => {
		const oneSentence = (overrides: Record<string, unknown>, pattern: RegExp) => {
			let message = '';
			try {
				applyKeyOverrides(defaultBindings, overrides);
			} catch (error) {
				message = (error as Error).message;
			}

			expect(message).toMatch(pattern);
			expect(message.split('\n')).toHaveLength(1);
			expect(message).toMatch(/\.$/);
		};

		oneSentence({acept: 'y'}, /names an action winnow does not have, "acept": the actions are accept, reject, /);
		oneSentence({accept: 'F1'}, /gives accept the key "F1", which winnow does not know/);
		oneSentence({'save-note': 's'}, /gives save-note the key "s", which a text field takes as typed text/);
		oneSentence({'quit-now': 'q'}, /gives quit-now the key "q", which a text field takes as typed text/);
		oneSentence({accept: []}, /gives accept \[\]: give a key/);
		oneSentence({accept: 3}, /gives accept 3: give a key/);
	});

	it('dispatches the remapped keys, also several in one chunk', async () => {
		const fixture = await reviewFixture(tempDir(), chatLines(6));
		const bindings: Binding[] = applyKeyOverrides(defaultBindings, {accept: 'Y', skip: 'z'});
		const target = {controller: fixture.controller, bindings, drawn};
		handleInput(target, 'Y', {});
		expect(fixture.store.get('s1', 'tester')?.verdict).toBe('accepted');
		handleInput(target, 'aaYz', {});
		expect(fixture.store.get('s2', 'tester')?.verdict).toBe('accepted');
		expect(fixture.controller.state.cursor).toBe(3);
		expect(fixture.store.get('s3', 'tester')).toBeUndefined();
		fixture.controller.close();
		fixture.store.close();
		fixture.dataset.close();
	});

	it('a text field\'s remapped keys go through the table, also inside a chunk of typed text', async () => {
		const fixture = await reviewFixture(tempDir(), chatLines(6));
		const target = {controller: fixture.controller, bindings: applyKeyOverrides(defaultBindings, {go: 'tab'}), drawn};
		handleInput(target, ':', {});
		handleInput(target, '4\r', {});
		// Enter is bound to nothing in the go-to field now: it does not go.
		expect(fixture.controller.state.mode).toMatchObject({name: 'goto', text: '4'});
		handleInput(target, '\t', {tab: true});
		expect(fixture.controller.state).toMatchObject({cursor: 3, mode: {name: 'browse'}});
		handleInput(target, ':5\tqq', {});
		expect(fixture.controller.state).toMatchObject({cursor: 4, mode: {name: 'browse'}, quitting: false});
		fixture.controller.close();
		fixture.store.close();
		fixture.dataset.close();
	});
});
