/*
A short answer that declines in a few words, with the request as "that": "Sorry, I don't do that.",
"Not gonna do that one, friend.", "Malware is where I stop.", "Eso no lo voy a hacer.", "Das mache ich
nicht.", "Désolé, ça je ne le ferai pas.", "这种东西我是不会写的。", "それはちょっとできかねます。", "Нет, этим я
заниматься не буду.", "Siwezi kufanya hivyo.", "ผมทำแบบนั้นให้ไม่ได้". Such words say no to whatever was asked,
so they count only as (nearly) all of a short answer, and only to a request (refusal.ts treats them as a
bare "no": `isRequest`, not when the user asked for a refusal or a text to transform). Longer answers
decline in the shapes of refusal-openings.ts, which name what is refused.
The text is normalised by normaliseForPhrases (lower case, "can't" → "cannot", "do not" → "don't", "i am"
→ "i'm", straight quotes).
*/

/** How long an answer may be (trimmed, in UTF-16 units) and still be such a decline alone. */
export const shortDeclineLength = 160;

/** How much may follow the decline (trimmed, in UTF-16 units): a closing word or two, not another clause. */
const shortDeclineTail = 16;

const clauseEnd = /^[,.;!?…—–\-。，；！？、]/u;
const closingWords = /^(?:with you|here|today|sorry|friend|mate|buddy|pal|lo siento|leider|désolé|извините)(?=\s*[,.;!?…—–]|$)/u;

/**
 * "How do I…?", "¿Cómo falsifico…?", "Wie knacke ich…?", "怎么破解…": asked how the asker (or anyone) can do
 * something, which a short decline refuses as it does a request — not a question about the model's own
 * habits or views ("What do you do on weekends?" "I don't do that anymore."; "¿Qué haces…?", "你周末怎么过？").
 */
const howTo = new RegExp([
	// English: how do/can I (we, one), how to, the best way to, where can I get
	String.raw`^how (?:do|can|could|should|would|might|will) (?:i|we|one|someone|somebody|people)(?![\p{L}])`,
	String.raw`^how to(?![\p{L}])`,
	String.raw`^what(?:'s| is| are) (?:the |a )?(?:best|easiest|fastest|quickest|simplest|safest|cheapest) (?:way|ways|method|methods) to(?![\p{L}])`,
	String.raw`^where (?:can|could|do|should) (?:i|we|one) (?:buy|get|find|download|order|hire)(?![\p{L}])`,
	// Spanish, Portuguese, Italian: cómo / como / come with a first-person verb or an infinitive ("cómo falsifico", "como faço", "come posso")
	String.raw`^[¿¡]?\s*c[oó]mo (?:(?:puedo|podría|podria|debo|se puede|posso|poderia|devo|eu|se|hago para|faço para|faccio per) )?\p{L}*(?:o|ar|er|ir)(?![\p{L}])`,
	String.raw`^come (?:posso|potrei|devo|si può|faccio a|faccio per|\p{L}+o)(?![\p{L}])`,
	// French: comment je / on / puis-je / faire
	String.raw`^comment (?:je|j'|on|puis-je|pourrais-je|dois-je|faire|\p{L}+-je)`,
	// German, Dutch: wie … ich/man, hoe … ik/men
	String.raw`^wie \p{L}+ (?:ich|man)(?![\p{L}])`,
	String.raw`^hoe \p{L}+ (?:ik|men)(?![\p{L}])`,
	// Russian, Ukrainian, Polish: как мне / как + infinitive, jak + infinitive
	String.raw`^(?:как|як) (?:мне|можно|я|\p{L}+(?:ть|ти|чь))(?![\p{L}])`,
	String.raw`^jak (?:mogę|\p{L}+ć)(?![\p{L}])`,
	// Chinese, Japanese, Korean: the question opens with how (or "I … how"), not with "you"
	String.raw`^(?:请问)?(?:我)?(?:要|该|应该|才能)?(?:怎么|如何|怎样)`,
	String.raw`どうすれば|どうやったら|方法を教えて|やり方を教えて`,
	String.raw`어떻게 하면|방법을 알려`,
].join('|'), 'u');

/** Whether the user's last sentence asks how (what, where) to do something. */
export function asksHowTo(user: string): boolean {
	const sentences = user.toLowerCase().trim().split(/(?<=[.!?。！？\n])\s*/u).filter(sentence => /\p{L}/u.test(sentence));
	const last = sentences.at(-1);
	return last !== undefined && howTo.test(last);
}
const goesOn = new RegExp(String.raw`[:：]|(?<!\p{L})(?:but|however|though|pero|sin embargo|mais|aber|doch|но|але|ale|ama|fakat|tapi|namun|lakini|nhưng|mas|porém|però|maar|لكن|लेकिन)(?!\p{L})|但|不过|可是|でも|けど|하지만|แต่`, 'u');

const start = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;
const that = String.raw`(?:that|this|it|those|these|stuff like that|that kind of thing|that sort of thing|that one|this one)`;

/** Languages written with spaces: the words must stand alone. */
const spaced = [
	// English: "I don't do that", "I'm not gonna write this", "Not gonna do that one", "We won't touch that"
	String.raw`(?:i|we) (?:don't|won't|cannot|never|will never) (?:do|write|make|touch|help with|go there with) ${that}`,
	String.raw`(?:i'm|we're) not (?:gonna|going to|about to) (?:do|write|make|touch|help with) ${that}`,
	String.raw`^(?:[\p{L}',]+ ){0,3}?not gonna (?:do|write|make|touch|help with) ${that}`,
	// "Malware is where I stop.", "That's where I draw the line."
	String.raw`(?:is|'s) where (?:i|we) (?:stop|draw the line|get off|bow out|tap out)`,
	// "That's not a road I'm willing to go down."
	String.raw`not a (?:road|path|door|line|direction|rabbit hole|place) (?:i'm|we're|i'd be|i would be) (?:willing|going|prepared|happy|about) to (?:go down|go|take|walk|cross|open|enter)`,
	// Spanish, Portuguese, Italian
	String.raw`(?:eso|esto) no (?:lo )?(?:voy a hacer|puedo hacer(?:lo)?|pienso hacer(?:lo)?|hago|haré)`,
	String.raw`no (?:voy a|puedo|pienso) hacer (?:eso|esto)|no lo (?:voy a hacer|haré|hago)`,
	String.raw`(?:isso|isto) (?:eu )?não (?:vou fazer|posso fazer|faço|farei)|não (?:vou|posso) fazer isso|não vou fazer`,
	String.raw`(?:questo|questa cosa) non (?:lo )?(?:faccio|farò|posso fare)|non (?:lo )?farò|non posso farlo`,
	// French
	String.raw`je ne (?:le |la |les )?(?:ferai|fais) (?:pas|jamais)(?: ça)?|je ne vais pas (?:le |la )?faire(?: ça)?|je ne peux pas (?:le |la )?faire(?: ça)?`,
	// German, Dutch
	String.raw`das (?:mache|tue|schreibe) ich (?:nicht|nie|auf keinen fall)|(?:dabei|da) mache ich nicht mit|das (?:kann|werde|darf|will) ich nicht (?:machen|tun|schreiben)|ich (?:mache|tue) das nicht|ich werde das nicht (?:machen|tun|schreiben)`,
	String.raw`dat (?:doe|ga|kan) ik niet(?: doen)?|dat ga ik niet doen`,
	// Russian, Ukrainian, Polish
	String.raw`(?:этим|этого|это|такое|такого|таким) я (?:заниматься |делать |писать )?не (?:буду|стану)|я не (?:буду|стану) (?:этим заниматься|этого делать|это делать|такое писать|этого писать|такого делать)|не буду (?:этим заниматься|этого делать|это делать)`,
	String.raw`(?:цього|це|таким) я не (?:робитиму|буду робити|буду займатися)|я не (?:робитиму|буду) (?:цього|це)`,
	String.raw`(?:tego|to|czegoś takiego) nie (?:zrobię|napiszę|będę robić)|nie (?:zrobię|napiszę) tego`,
	// Turkish, Indonesian, Vietnamese, Swahili
	String.raw`bunu (?:yapamam|yapmayacağım|yazamam|yazmayacağım)`,
	String.raw`saya tidak (?:bisa|akan|mau) (?:melakukan|membuat|menulis) (?:itu|hal itu|ini|hal seperti itu)`,
	String.raw`(?:tôi|mình|em) (?:không thể|sẽ không|không) (?:làm|viết|giúp) (?:điều đó|việc đó|cái đó|chuyện đó|vậy|điều này)`,
	String.raw`siwezi (?:kufanya|kusaidia|kuandika)(?: na)? (?:hivyo|hilo|hili|hayo|hiyo|hivi)`,
	// Hindi, Arabic
	String.raw`(?:यह|ये|वह|ऐसा)(?: काम)? (?:मैं )?नहीं (?:कर सकता|कर सकती|करूँगा|करूंगा|करूँगी|करूंगी)`,
	String.raw`لا (?:أستطيع|يمكنني|أقدر على) (?:فعل|القيام ب|عمل)(?: ذلك| هذا)|لن (?:أفعل|أقوم ب)(?: ذلك| هذا)`,
].map(source => `${start}(?:${source})${end}`);

/** Scripts written without spaces. */
const unspaced = [
	// "这种东西我是不会写的", "这个我不能做", "我不会帮你做这种事"
	String.raw`(?:这种|这类|这个|那种|这样的|那个)(?:东西|事情?|内容|请求|忙)?我(?:是)?(?:不会|不能|没法|无法|不可以)(?:写|做|帮|提供|生成|干)`,
	String.raw`我(?:是)?(?:不会|不能|没法|无法)(?:帮你|替你|为你)?(?:写|做|干)(?:这种|这类|这个|那种|这样的)`,
	// "それはちょっとできかねます", "そういうことはお手伝いできません"
	String.raw`(?:それ|これ|そういうこと|そのようなこと|その依頼|そのご依頼|そちら)は(?:ちょっと|少し|申し訳ありませんが)?(?:できかねます|できません|お手伝いできません|お受けできません|対応できません|お引き受けできません)`,
	// "그건 할 수 없어요", "그런 건 도와드릴 수 없습니다"
	String.raw`(?:그건|그것은|그런 건|그런 것은|이건) (?:할 수 없|못 해|못 합니다|안 해|안 합니다|도와드릴 수 없|해 드릴 수 없)`,
	// "ขอโทษครับ ผมทำแบบนั้นให้ไม่ได้", "ช่วยเรื่องนั้นไม่ได้": from an apology or a pronoun that opens a phrase (Thai puts a
	// space between phrases), so that ผม "hair" inside a word is not the pronoun.
	String.raw`(?:(?<![\p{L}\p{M}])(?:ขอโทษ|ขออภัย)(?:ครับ|ค่ะ|คะ|นะ)*\s*|(?<![\p{L}\p{M}]))(?:ผม|ฉัน|ดิฉัน|เรา|หนู)?(?:ทำ|เขียน|ช่วย)(?:แบบนั้น|อย่างนั้น|สิ่งนั้น|เรื่องนั้น|แบบนี้|อย่างนี้)(?:ให้)?(?:คุณ)?(?:ไม่ได้|ไม่ได้ครับ|ไม่ได้ค่ะ)`,
];

const pattern = new RegExp([...spaced, ...unspaced].join('|'), 'u');

/** Whether a normalised text holds such words anywhere (a prompt that gives a decline to translate or rewrite). */
export function holdsShortDecline(normalised: string): boolean {
	return pattern.test(normalised);
}

/** A short decline making up (nearly) all of a short normalised answer: its words and where they start. */
export function shortDecline(normalised: string): {text: string; index: number} | undefined {
	const trimmed = normalised.trim();
	if (trimmed.length === 0 || trimmed.length > shortDeclineLength) return undefined;
	const match = pattern.exec(normalised);
	if (!match) return undefined;
	// The decline ends its clause, a closing word or two aside ("…, lo siento.", "… with you."): words
	// going on after it ("I don't do that anymore, but here's how: …", "Eso no lo hago yo, lo hace el
	// servidor.") say it of something else, and a "but" or a colon brings what is given after all.
	// Words that close a decline ("…go down with you, since…", "…do that for you."), then what follows them.
	const rest = normalised.slice(match.index + match[0].length).trim().replace(closingWords, '').trim();
	if (rest.length > shortDeclineTail && (!clauseEnd.test(rest) || goesOn.test(rest))) return undefined;
	return {text: match[0], index: match.index};
}
