/*
Scripts whose writers often leave the last full stop off: Arabic script (Arabic, Persian, Urdu), where an
answer commonly ends on its last word after sentences closed with "." or "؟", and Thai and Lao, which have
no full stop at all (a space ends a phrase or a sentence). A last sentence without its stop is no sign of a
cut there; what is one is a last word no sentence ends on: a conjunction, a preposition or a particle that
needs what follows ("…كما يساعد على", "…برای", "…และ", "…ของการ", "…ทำให้", "help" after "also": "…ยังช่วย"), an Arabic article or proclitic left alone
("…درجات ال"), a lone Thai consonant (a word cut in half: "…นอนห"), or a list whose last item stops at the
first word the items before it share ("เช่น โรคเบาหวาน และโรค": "such as diabetes and disease-").
*/

const arabicScript = /\p{Script=Arabic}/u;
const thaiOrLao = /[\p{Script=Thai}\p{Script=Lao}]/u;

/** Is the text's last letter in a script whose writers often leave the final stop off? */
export function unstoppedScript(text: string): boolean {
	const last = /[\p{L}\p{M}]+$/u.exec(text.slice(-32))?.[0];
	return last !== undefined && (arabicScript.test(last) || thaiOrLao.test(last));
}

const arabicWords = {
	ar: 'و في من على إلى الى عن مع أو او ثم أن إن لكن التي الذي الذين اللذين اللتين اللاتي بين حتى لأن عندما إذا اذا لم لن قد كي لكي ال وال بال لل فال كال',
	fa: 'و در از به با که را برای تا یا اما ولی اگر چون',
	ur: 'اور کے سے کو پر نے کہ یا لیکن جو کیونکہ اگر',
};
/** Arabic writes و "and" and ف "so" on the next word, and ب, ل, ك on أن "that": "…وفي", "…بأن", "…ولكن". */
const arabicJoined = (word: string) => (word.length < 2 || word.startsWith('ال') || /^[وب]?ال$|^لل$|^[فك]ال$/u.test(word) ? [word] : [word, `و${word}`, `ف${word}`, ...(/^[أإ]ن$/u.test(word) ? [`ب${word}`, `ل${word}`, `ك${word}`] : [])]);
const arabicSets = Object.fromEntries(Object.entries(arabicWords).map(([language, words]) => [language, new Set(words.split(' ').flatMap(word => (language === 'ar' ? arabicJoined(word) : [word])))]));
// فقد is also the verb "lost", which ends sentences.
arabicSets['ar']!.delete('فقد');
const urduLetters = /[\u0679\u0688\u0691\u06BA\u06D2\u06C1]/u;
const persianLetters = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;

/** Thai and Lao words that join what comes before to what must follow (and, or, of, that, with, for, by, in, such as, because, if …). */
const thaiWords = new Set(('และ หรือ แต่ ของ ซึ่ง ที่ กับ เพื่อ โดย ใน เช่น คือ ว่า เพราะ ถ้า หาก เมื่อ สำหรับ ระหว่าง การ ความ แห่ง แก่ ตั้งแต่ ' +
	'ทำให้ สามารถ ได้แก่ รวมถึง อีกทั้ง ตลอดจน เนื่องจาก ' +
	'ແລະ ຫຼື ແຕ່ ຂອງ ທີ່ ກັບ ເພື່ອ ໂດຍ ໃນ ເຊັ່ນ ຄື ວ່າ ເພາະ ຖ້າ ການ ຄວາມ').split(' '));
/** Thai "help" after "also", "which" or "can" waits for what it helps with ("…นอกจากนี้ยังช่วย"); "ขอบคุณที่ช่วย" (thanks for helping) is whole. */
const thaiHelpBefore = new Set(['ยัง', 'ซึ่ง', 'สามารถ', 'ยังคง']);
const thaiConjunction = /^(และ|หรือ|กับ|ແລະ|ຫຼື|ກັບ)(.+)$/u;

let segmenter: Intl.Segmenter | undefined;

/** The last words of a Thai or Lao text, as ICU's dictionary splits them (only the end is split: it is cheap). */
function lastThaiWords(text: string): string[] {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'word'});
	const words: string[] = [];
	for (const segment of segmenter.segment(text.slice(-40))) if (segment.isWordLike) words.push(segment.segment);
	return words;
}

/**
 * Why an answer in one of these scripts that ends on a letter looks cut (see above), or undefined. `lastLine`
 * is the answer's last line.
 */
export function unstoppedCut(text: string, lastLine: string): string | undefined {
	const lastWord = /[\p{L}\p{M}]+$/u.exec(text.slice(-40))?.[0];
	if (lastWord === undefined) return undefined;
	if (arabicScript.test(lastWord)) {
		const recent = text.slice(-2000);
		const language = urduLetters.test(recent) ? 'ur' : persianLetters.test(recent) ? 'fa' : 'ar';
		return arabicSets[language]!.has(lastWord) ? `it ends mid-sentence on "${lastWord}"` : undefined;
	}

	if (!thaiOrLao.test(lastWord)) return undefined;
	const words = lastThaiWords(text);
	const last = words.at(-1);
	if (last === undefined) return undefined;
	if (thaiWords.has(last)) return `it ends mid-sentence on "${last}"`;
	if (last === 'ช่วย' && thaiHelpBefore.has(words.at(-2) ?? '')) return `it ends mid-sentence on "${words.at(-2)!}${last}"`;
	if (/^[\u0E01-\u0E2E]$/u.test(last)) return `it ends mid-word ("…${last}")`;
	// A list item that stops at the first word of the items before it: "โรคเบาหวาน และโรค".
	const chunks = lastLine.trim().split(/\s+/u);
	const item = thaiConjunction.exec(chunks.at(-1)!)?.[2];
	if (item !== undefined && chunks.slice(-4, -1).some(chunk => {
		const earlier = chunk.replace(thaiConjunction, '$2');
		return earlier.length > item.length && earlier.startsWith(item);
	})) {
		return `it ends mid-sentence: the list's last item stops at "${item}"`;
	}

	return undefined;
}
