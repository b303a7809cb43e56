import type {Key} from 'ink';

/**
 * Key names as the binding table writes them: one printable character ("a", "G", "?", " "), or one of
 * these names for the keys that type nothing, or "ctrl-" and a letter.
 */
export const namedKeys = ['left', 'right', 'up', 'down', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'backspace'] as const;

/** How a key is written on screen (key bar, help) and in the README. */
const shownAs: Record<string, string> = {
	left: '←',
	right: '→',
	up: '↑',
	down: '↓',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'enter',
	escape: 'esc',
	tab: 'tab',
	backspace: 'backspace',
	' ': 'space',
};

/** Names a person may also write in the config file for a key. */
const aliases: Record<string, string> = {
	esc: 'escape',
	space: ' ',
	return: 'enter',
	pgup: 'pageup',
	pgdn: 'pagedown',
	'←': 'left',
	'→': 'right',
	'↑': 'up',
	'↓': 'down',
};

/** A key as written in the config file, in the table's spelling; undefined if it is no key winnow knows. */
export function normalizeKey(written: string): string | undefined {
	if ([...written].length === 1) {
		const code = written.codePointAt(0)!;
		// A control character is written by name (enter, tab, ctrl-u), never raw.
		return code < 0x20 || code === 0x7F ? undefined : (aliases[written] ?? written);
	}

	const lower = written.toLowerCase();
	if ((namedKeys as readonly string[]).includes(lower)) return lower;
	if (aliases[lower] !== undefined) return aliases[lower];
	if (/^ctrl-[a-z]$/.test(lower)) return lower;
	return undefined;
}

/** Is this key one that types a character (and so belongs to a text field while one is open)? */
export function typesText(name: string): boolean {
	return [...name].length === 1;
}

export function showKey(name: string): string {
	return shownAs[name] ?? name;
}

/**
 * A binding's keys for people: "r / x", "1-9 / 0" (a run of digits in a row is written as a range).
 */
export function showKeys(names: readonly string[], separator = ' / '): string {
	const shown: string[] = [];
	let i = 0;
	while (i < names.length) {
		let end = i;
		while (/^\d$/.test(names[end]) && end + 1 < names.length && /^\d$/.test(names[end + 1]) && Number(names[end + 1]) === Number(names[end]) + 1) end++;
		if (end - i >= 2) {
			shown.push(`${names[i]}-${names[end]}`);
			i = end + 1;
		} else {
			shown.push(showKey(names[i]));
			i++;
		}
	}

	return shown.join(separator);
}

/** The table's name for one key press from Ink; undefined for a key the table cannot name (a chunk of several). */
export function keyName(input: string, key: Partial<Key>): string | undefined {
	if (key.ctrl && /^[a-z]$/.test(input)) return `ctrl-${input}`;
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return 'tab';
	// Ink reports the backspace key (DEL, 0x7f) as delete; both mean backspace here.
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl || key.meta) return undefined;
	return [...input].length === 1 ? input : undefined;
}

/**
 * Splits a chunk of typed characters into single key presses (keeping Enter, Backspace, Tab, Ctrl-C).
 * Over SSH and from tmux several keys arrive in one chunk ("aar"): each character is a key press.
 */
export function splitChunk(input: string): Array<{input: string; key: Partial<Key>}> {
	return [...input].map(character => {
		if (character === '\r' || character === '\n') return {input: '', key: {return: true}};
		if (character === '\u007F' || character === '\b') return {input: '', key: {backspace: true}};
		if (character === '\u0003') return {input: 'c', key: {ctrl: true}};
		if (character === '\t') return {input: '', key: {tab: true}};
		return {input: character, key: {}};
	});
}
