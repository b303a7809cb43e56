import {looksCut} from './dangling-words.js';
import {wordsOf} from './text.js';

/*
A Markdown list whose last item was cut: the items are judged against the ones before them, as a
list's items are written alike. When the earlier items (two or more, same marker and indentation) all
end with a full stop, a last item of some length that ends in a letter stops mid-sentence ("3. … season
with salt and nutm", "4. …弱火で10分ほど煮込"). When they are short names with no full stop, a last
one-word item shorter than all of them, of three letters or fewer that no word list knows, is a word cut
off ("- Saturn\n- Ura"; not "- Flour\n- Egg").
*/

const item = /^(\s*)([-*+•]|\d{1,3}[.)])\s+(.*)$/;
const closed = /[.!?。！？।؟…]["'”’)\]*_]*$/u;
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

const kindOf = (marker: string) => (/\d/.test(marker) ? `1${marker.at(-1)}` : marker);

/** Why the last list item of `text` (whose last line is a list item) looks cut, or undefined. */
export function cutListItem(text: string): string | undefined {
	const lines = text.slice(-3000).split('\n');
	const last = item.exec(lines.at(-1)!);
	if (!last) return undefined;
	const content = last[3]!.trim();
	if (!/[\p{L}\p{M}]$/u.test(content)) return undefined;
	const earlier: string[] = [];
	for (let index = lines.length - 2; index >= 0 && earlier.length < 12; index--) {
		const line = lines[index]!;
		const match = item.exec(line);
		if (match && match[1] === last[1] && kindOf(match[2]!) === kindOf(last[2]!)) earlier.push(match[3]!.trim());
		else if (!match && line.trim() !== '' && !/^\s/.test(line)) break;
	}

	if (earlier.length < 2) return undefined;
	if (earlier.every(previous => closed.test(previous))) {
		const long = wordsOf(content).length >= 3 || (content.match(unspaced)?.length ?? 0) >= 6;
		return long ? 'it ends mid-sentence in its last list item (the items before it end with a full stop)' : undefined;
	}

	const words = content.split(/\s+/);
	if (words.length !== 1 || earlier.some(previous => closed.test(previous) || previous.split(/\s+/).length > 2)) return undefined;
	const word = /^\p{Lu}\p{Ll}+$/u.test(content) ? content.toLowerCase() : content;
	const shortest = Math.min(...earlier.map(previous => [...previous].length));
	return [...content].length < shortest && looksCut(word) && /\p{Ll}/u.test(word) ? `it ends mid-word in its last list item ("${content}")` : undefined;
}
