import {wordsOf} from './text.js';

/*
Words no finished sentence ends on, per language: articles, conjunctions, prepositions that need what
follows. A language's list applies only to text in that language (English "die" ends sentences, German
"die" does not), recognised by which list's words the text uses most. Left out: words that do end
sentences, such as German and Dutch separable particles ("Ich rufe an", "Denk darüber nach", "Hij belt op",
"Ik stel voor"), Spanish "lo"/"se", Russian particles ("же", "ли", "бы").
*/
const lists: Record<string, string> = {
	en: 'a an the and or but nor of to at by for from with into onto as than which whose if when while because such their its your our my',
	de: 'und oder der die das den dem des eine einen einem einer eines von für im über unter dass wenn weil aber sowie als wie sondern denn zum zur vom beim',
	es: 'de la el los las y o que un una en con por para del al pero como su sus e ni u porque cuando si',
	fr: 'de la le les et que un une du des en au aux pour par avec dans sur ou mais ce cette son sa ses leur mon ma mes quand si parce',
	pt: 'de da do das dos e o a os as que um uma em no na nos nas com por para ou mas como ao aos pela pelo porque quando se',
	it: 'di del della dello dei degli delle e il lo la i gli le che un una uno in con per su da ma o al alla nel nella perché quando se',
	nl: 'de het een en van met dat die te of maar naar omdat wanneer als',
	ru: 'и в на что с по к о из у за от для но а или как чтобы не когда если потому',
};

/** Other common words of each language: they tell the language, and end sentences. */
const others: Record<string, string> = {
	en: 'is are was were be it this that these those you he she we they i me him her us them not no yes so too up out off on in now here there all one two do go get see use can will may',
	de: 'ich du er sie es wir ihr nicht ist sind war mich dich uns bitte noch auch mit auf zu an aus ein vor mal so ja nein hier da gut',
	es: 'es son está yo tú él ella lo se me te no sí más muy ya hoy aquí bien',
	fr: 'est sont je tu il elle nous vous ils pas ne oui non plus très ici bien lui moi toi',
	pt: 'é são está eu tu ele ela nós não sim mais muito já hoje aqui bem',
	it: 'è sono io tu lui lei noi voi non sì più molto già oggi qui bene',
	nl: 'is zijn ik je jij hij zij wij niet ja nee ook er hier in op aan uit mee',
	ru: 'это он она они мы вы я да нет же ли бы уже там тут здесь все всё',
};

/**
 * Short words that end sentences: a last word of three letters or fewer that is none of these (nor of
 * the lists above) is likely a word cut off ("…then add wat", "…ضفاف نه").
 */
const shortWords = new Set(('ok hi tv pc id uk eu un ai it me my by go do so no us we he be up on in to of or at an as is am if oh ah ' +
	'yes not now how who why way day one two six ten own new old big end try run use see say get set put let fun job car dog cat sun man men art air sea key law war age eye oil tax fee bed box bag cup tea ' +
	'all any few lot out off too far low top bad hot red sky web app api log bug fix sql css php dns vpn gpu cpu ram usb job pay buy win add max min ago yet due via per etc ' +
	'die sie das der ich uns gut ist ja nein hoy sí más muy ya bien oui non ici lui moi toi eux sim não já bem sì più qui ja nee ook wel heb gaat ' +
	'да нет он она они мы вы я всё все там тут уже ещё еще так ' +
	// short nouns a list of things may end on ("- Flour\n- Egg")
	'egg gym ice pen bus map toy hat pie jam ham fig yam rye gin rum ale cod eel owl fox cow pig hen ant bee elk yak ape rat bat emu gnu ' +
	'kit mat rug cab van jet ski spa zoo pub inn gas ink tin ore gem rib leg arm ear lip hip jaw toe gum row ray fan net pot pan jar mug lid bun pea nut oat soy ' +
	'kid mom dad son boy guy pal sis bro mum tip hub bay bar den gap hut lab mud ski tub wax zip elf gym ivy').split(' '));

const sets = Object.fromEntries(Object.entries(lists).map(([language, words]) => [language, new Set(words.split(' '))]));
const markers = Object.fromEntries(Object.entries(lists).map(([language, words]) => [language, new Set([...words.split(' '), ...others[language]!.split(' ')])]));
for (const words of [...Object.values(lists), ...Object.values(others)]) for (const word of words.split(' ')) shortWords.add(word);
const cyrillic = /\p{Script=Cyrillic}/u;
const anyDangling = new Set(Object.values(sets).flatMap(set => [...set]));

/** The language (of those above) whose words a text uses most, or undefined. */
export function languageOf(words: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestHits = 1;
	for (const [language, set] of Object.entries(markers)) {
		let hits = 0;
		for (const word of words) if (set.has(word)) hits++;
		if (hits > bestHits) {
			best = language;
			bestHits = hits;
		}
	}

	return best;
}

/** The words before which "that" opens a clause still to come. */
const thatOpens = new Set(['is', 'was', 'are', 'were', 'means', 'so', 'such', 'except', 'ensure', 'ensures', 'assuming', 'provided', 'given']);

/** The text's last word when no sentence ends on it in the text's language ("…the", "…und", "…de la", "…и"), else undefined. */
export function danglingLastWord(text: string): string | undefined {
	const tail = wordsOf(text.slice(-40));
	const last = tail.at(-1);
	// English "that" ends sentences ("I like that"), but not after a copula or "so": "…the key idea is that", "…so that".
	if (last === 'that' && thatOpens.has(tail.at(-2) ?? '') && languageOf(wordsOf(text.slice(-2000))) === 'en') return `${tail.at(-2)} that`;
	if (last === undefined || !anyDangling.has(last)) return undefined;
	const words = wordsOf(text.slice(-2000));
	const language = cyrillic.test(last) ? 'ru' : languageOf(words) ?? 'en';
	return sets[language]!.has(last) ? last : undefined;
}

/** A last word of three letters or fewer that no list knows ("wat", "fi", "نه"): likely cut mid-word. */
export function looksCut(word: string): boolean {
	return [...word].length <= 3 && /^[\p{Ll}\p{Lo}\p{M}]+$/u.test(word) && !shortWords.has(word);
}

/*
Clause ends that look unfinished but are not: a German or Dutch separable particle ("Ruf an", "Denk darüber
nach", "Hij belt op"), an English phrasal verb's particle after its verb ("log in", "sign up", "turn it off"),
and the particles Chinese, Japanese and Korean end a sentence with (…阿波おどりなど, …好吧, …합니다).
*/
const particles: Record<string, Set<string>> = {
	de: new Set('an auf aus ein mit vor zu ab zurück los weg her hin fest bei nach heim vorbei weiter hoch runter rauf rein raus um zusammen fort teil statt nieder wieder dar'.split(' ')),
	nl: new Set('op aan uit mee af in over toe terug weg door na bij voor om neer open dicht binnen buiten samen'.split(' ')),
};
/** English phrasal verbs that end a clause, as verb: particles ("log in", "sign up"; not "depend on", "follow on"). */
const phrasalVerbs = new Map(Object.entries({
	log: 'in out on off', sign: 'in up out off', hold: 'on up off back', hang: 'on up out', come: 'on in back over along', go: 'on out back ahead away',
	carry: 'on', move: 'on in out', turn: 'on off up down around', set: 'up off', back: 'up off down', check: 'in out', find: 'out', work: 'out',
	give: 'up in back away', show: 'up off', shut: 'down up off', calm: 'down', slow: 'down', look: 'up out around', pick: 'up', plug: 'in', opt: 'in out',
	stand: 'by up out', keep: 'up', follow: 'up', catch: 'up', wake: 'up', cheer: 'up', speak: 'up', wrap: 'up', clean: 'up', start: 'up over', speed: 'up',
	warm: 'up', write: 'down', break: 'down up', sit: 'down', stay: 'in up', get: 'up in out', put: 'away down', take: 'off', make: 'up', fill: 'in out',
	print: 'out', zoom: 'in out', scroll: 'down up', sort: 'out', figure: 'out', point: 'out', pay: 'off', hand: 'in over', run: 'out', chill: 'out',
	lie: 'down', settle: 'in down', sum: 'up', switch: 'on off', power: 'on off', boot: 'up', drop: 'off by', clear: 'up out', top: 'up', cool: 'down off',
	dry: 'off out', wash: 'up', bring: 'up', call: 'back', grow: 'up', hurry: 'up', lock: 'up', pass: 'out', shop: 'around', sleep: 'in', step: 'in up down back',
	think: 'over', throw: 'away out', wind: 'down', stop: 'by', try: 'again'
}).map(([verb, particles]) => [verb, new Set(particles.split(' '))]));
const objectPronouns = new Set(['it', 'them', 'him', 'her', 'me', 'us', 'you', 'this', 'that', 'these', 'those', 'everything', 'something']);
const finalParticles = ['など', 'です', 'ます', 'ました', 'でした', 'ません', 'ください', 'でしょう', 'ましょう', 'ですか', 'ますか', 'かな', 'よ', 'ね',
	'等', '吧', '呢', '吗', '嗎', '啊', '呀', '哦', '啦', '嘛', '了', '다', '요', '죠', '까', '네', '등'];
/** Endings that hold a final particle but need what follows: 为了 "in order to", 除了 "apart from". */
const notFinal = ['为了', '為了', '除了'];

/** The base form of an English verb as the list holds it: "logs", "logged", "logging", "signing" → "log", "sign". */
function verbBase(word: string): string {
	const base = word.replace(/(?:ing|ed|s)$/, '');
	return base !== word && /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base;
}

/** Does the text end on a word that ends clauses in its language (see above), though it looks unfinished? */
export function endsOnAParticle(text: string): boolean {
	if (finalParticles.some(particle => text.endsWith(particle))) return !notFinal.some(start => text.endsWith(start));
	const words = wordsOf(text.slice(-80));
	const last = words.at(-1);
	if (last === undefined) return false;
	const verb = objectPronouns.has(words.at(-2) ?? '') ? words.at(-3) : words.at(-2);
	if (verb !== undefined && (phrasalVerbs.get(verb) ?? phrasalVerbs.get(verbBase(verb)))?.has(last)) return true;
	if (!particles['de']!.has(last) && !particles['nl']!.has(last)) return false;
	const language = languageOf(wordsOf(text.slice(-2000)));
	return language !== undefined && particles[language]?.has(last) === true;
}
