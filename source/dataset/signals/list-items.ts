import {looksCut} from './dangling-words.js';

/*
A Markdown list whose last item was cut: the items are judged against the ones before them, as a
list's items are written alike. When the earlier items (two or more, same marker and indentation) all
end with a full stop, a last item of some length that ends in a letter stops mid-sentence ("3. … season
with salt and nutm", "4. …弱火で10分ほど煮込"). When they are short names, a last one-word item shorter
than all of them, of three letters or fewer that no word list knows, is a word cut off only with more
evidence, since short words a list does not know are common ("- Tofu\n- Ume", "- Christopher\n- Sam"): the
items before it all end with a full stop and it does not ("3. Terra.\n4. Ura"), or it has no vowel
("- Cinnamon\n- Cn"), or the items before it are all of two words and it is one ("- Brown rice\n- Miso soup\n- Nat").
"- Saturn\n- Ura" is left alone: nothing tells "Ura" from "Ume".
*/

const item = /^(\s*)([-*+•]|\d{1,3}[.)])\s+(.*)$/;
const closed = /[.!?。！？।؟…]["'”’)\]*_]*$/u;
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

const kindOf = (marker: string) => (/\d/.test(marker) ? `1${marker.at(-1)}` : marker);

/** Why the last list item of `text` (whose last line is a list item) looks cut, or undefined. */
export function cutListItem(text: string): string | undefined {
	if (!/[\p{L}\p{M}]$/u.test(text.slice(-2))) return undefined;
	let end = text.length;
	let start = text.lastIndexOf('\n', end - 1) + 1;
	const last = item.exec(text.slice(start, end));
	if (!last) return undefined;
	const content = last[3]!.trim();
	// Which of the two cuts it could be, decided on the last item alone (most list endings are neither).
	const sentence = content.split(/\s+/).length >= 3 || (content.match(unspaced)?.length ?? 0) >= 6;
	const word = /^\p{Lu}\p{Ll}+$/u.test(content) ? content.toLowerCase() : content;
	const cutWord = !sentence && !/\s/.test(content) && /\p{Ll}/u.test(word) && looksCut(word);
	if (!sentence && !cutWord) return undefined;
	let earlier = 0;
	let shortest = Number.POSITIVE_INFINITY;
	let allStopped = true;
	let allMultiWord = true;
	for (let lines = 0; start > 0 && lines < 40 && earlier < 12; lines++) {
		end = start - 1;
		start = text.lastIndexOf('\n', end - 1) + 1;
		const line = text.slice(start, end);
		const match = item.exec(line);
		if (match && match[1] === last[1] && kindOf(match[2]!) === kindOf(last[2]!)) {
			const previous = match[3]!.trim();
			// Short names may end with a full stop or not ("3. Terra." or "- Saturn"); sentences all close.
			if (cutWord ? previous.split(/\s+/).length > 2 : closed.test(previous) !== sentence) return undefined;
			shortest = Math.min(shortest, [...previous.replace(/[.!?。]$/u, '')].length);
			if (!/[.。]$/u.test(previous)) allStopped = false;
			if (!/\s/.test(previous)) allMultiWord = false;
			earlier++;
		} else if (!match && line.trim() !== '' && !/^\s/.test(line)) break;
	}

	if (earlier < 2) return undefined;
	if (sentence) return 'it ends mid-sentence in its last list item (the items before it end with a full stop)';
	const evidence = allStopped || allMultiWord || (/^\p{Script=Latin}+$/u.test(content) && !/[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüœ]/iu.test(content));
	return [...content].length < shortest && evidence ? `it ends mid-word in its last list item ("${content}")` : undefined;
}
