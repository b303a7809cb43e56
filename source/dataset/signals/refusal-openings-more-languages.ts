/*
More refusal shapes for a response's opening, each with its gate (a plain test for a word or a script the
shape cannot match without: the shape is tried only when its gate passes):
- word orders and idioms the shapes of refusal-openings-languages.ts miss in languages they cover: a
  preference ("prefiero no darte…", "je préfère ne pas rédiger…", "ich würde lieber nicht…"), the verb
  first ("С этим я помочь не смогу", "Helfen kann ich dabei nicht", "pomóc nie mogę"), the subject left
  out where the verb says "I" ("не могу помочь"), German "da muss ich passen";
- languages not covered there: Catalan, Czech, Slovak, Croatian, Serbian, Slovenian, Romanian, Hungarian,
  Swedish, Danish, Norwegian, Finnish, Greek, Swahili, Tagalog, Hebrew, Persian, Urdu, Bengali, Marathi,
  Tamil, Telugu. Each is a first-person "cannot / will not / am not able to" with a verb of helping,
  answering, providing or writing (not "I can't wait", "I can't swim"), in the language's own word order.
The text is lower case (normaliseForPhrases).
*/

const word = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;
// Up to three words between the negation and the verb.
const gap = String.raw`(?: [\p{L}'-]+){0,3}?`;
const germanVerbs = String.raw`(?:weiter)?(?:helfen|beantworten|antworten|erstellen|schreiben|verfassen|liefern|geben|erledigen|übernehmen|nachkommen|erfüllen|bereitstellen|unterstützen|eingehen|generieren|teilen|mitwirken|anbieten|behilflich sein|zur seite stehen)`;
const russianVerbs = String.raw`(?:помочь|помогать|ответить|отвечать|предоставить|предоставлять|выполнить|написать|писать|создать|сгенерировать|подсказать|допомогти|допомагати|відповісти|відповідати|надати|виконати|написати|створити|згенерувати|помоћи|одговорити)`;
const polishVerbs = String.raw`(?:pomóc|pomagać|odpowiedzieć|odpowiadać|udzielić|dostarczyć|napisać|stworzyć|wygenerować|podać|przygotować)`;

/** A shape and what it cannot match without. */
export type GatedShape = {gate: RegExp; shape: RegExp};

const shapes: Array<[RegExp, string]> = [
	// Spanish, Portuguese, Italian: "prefiero no darte esas instrucciones", "prefiro não responder", "preferisco non rispondere"
	[/pref/, String.raw`${word}(?:prefiero|preferiría|preferiria|prefiro|preferisco|preferirei) (?:no|não|non)${gap} (?:ayudar|asistir|proporcionar|responder|contestar|dar|escribir|redactar|crear|generar|compartir|ofrecer|facilitar|participar|opinar|ajudar|fornecer|escrever|criar|gerar|compartilhar|aiutar|fornire|rispondere|scrivere|creare|generare|condividere)\p{L}*`],
	// French: "je préfère ne pas rédiger de faux avis", "je préférerais ne pas me prononcer"
	[/préf|pref/, String.raw`${word}je (?:préfère|préférerais|prefere|préfèrerais|prefererais) ne pas${gap} ?(?:vous |t'|te |en |y )?(?:aider|assister|fournir|répondre|rédiger|écrire|créer|générer|donner|partager|participer|commenter|m'exprimer|me prononcer|entrer dans)`],
	// German, "would rather not" and the verb first: "ich würde lieber nicht darauf antworten", "Helfen kann ich dir dabei leider nicht"
	[/ich/, String.raw`${word}(?:ich würde|würde ich)(?: [\p{L}]+){0,4}? (?:nicht|keine[nmrs]?)(?: [\p{L}]+){0,4}? ${germanVerbs}${end}|${word}${germanVerbs} (?:kann|werde|darf|möchte|will|würde) ich(?: [\p{L}]+){0,4}? (?:nicht|keine[nmrs]?)${end}`],
	// German, passing: "Da muss ich leider passen", "Hier passe ich"
	[/passe/, String.raw`${word}(?:muss ich|ich muss)(?: (?:da|hier|leider|wohl|dabei|also|ihnen|dir|euch|an dieser stelle|bei (?:dieser|der|ihrer|deiner) (?:frage|bitte|anfrage)))* passen${end}|${word}(?:da|hier) passe ich${end}`],
	// Russian, Ukrainian, Serbian: the verb first ("С этим я помочь не смогу", "допомогти не можу"), the subject left out ("не могу помочь": the verb says "I")
	[/не /, String.raw`${word}(?:я )?${russianVerbs}(?: [\p{L}]+){0,2}? (?:я )?не (?:могу|смогу|стану|буду|можу|зможу)${end}|${word}не (?:могу|смогу|стану|буду|можу|зможу)${gap} ${russianVerbs}${end}`],
	// Polish, the verb first: "pomóc ci w tym nie mogę"
	[/nie /, String.raw`${word}${polishVerbs}(?: [\p{L}]+){0,3}? nie (?:mogę|będę|jestem w stanie)${end}`],
	// Catalan: "no et puc ajudar", "no puc respondre"
	[/puc|podré/, String.raw`${word}no (?:et |us |li )?(?:puc|podré|podria)${gap} (?:ajudar|respondre|proporcionar|escriure|crear|generar|oferir|donar|compartir)`],
	// Czech, Slovak: "nemohu vám s tím pomoci", "nemôžem pomôcť", "nie som schopný odpovedať"
	[/nemoh|nemůž|nemôž|nebud|nejsem|nie som|nedokáž/, String.raw`${word}(?:nemohu|nemůžu|nebudu|nejsem schopn[ýá]|nedokážu|nemôžem|nebudem|nie som schopn[ýá]|nedokážem)${gap} (?:pomoci|pomoct|pomáhat|odpovědět|odpovídat|poskytnout|napsat|psát|vytvořit|sdílet|vygenerovat|pomôcť|pomáhať|odpovedať|poskytnúť|napísať|vytvoriť|zdieľať)${end}`],
	// Croatian, Serbian, Bosnian, Slovenian: "ne mogu vam pomoći", "neću odgovoriti", "ne morem pomagati"
	[/ne mogu|neću|ne ću|ne morem/, String.raw`${word}(?:ne mogu|neću|ne ću|ne morem)${gap} (?:pomoći|pomagati|odgovoriti|odgovarjati|pružiti|napisati|dati|kreirati|stvoriti|ustvariti|generirati|podijeliti|deliti)${end}`],
	// Romanian: "nu vă pot ajuta", "nu pot să răspund", "nu voi putea oferi"
	[/nu /, String.raw`${word}nu (?:vă |te |îți |iti |va )?(?:pot|voi putea|sunt în măsură|sunt in masura)${gap} (?:ajut|ajuta|răspund|raspund|răspunde|raspunde|ofer|oferi|furnizez|furniza|scriu|scrie|creez|crea|generez|genera|dau|da)${end}`],
	// Hungarian: "nem tudok segíteni", "ebben nem segíthetek", "segíteni nem tudok"
	[/nem /, String.raw`${word}nem (?:tudok|fogok|áll módomban|vagyok képes)${gap} (?:segíteni|válaszolni|megválaszolni|megadni|adni|írni|megírni|létrehozni|készíteni|elkészíteni|nyújtani|biztosítani|megosztani|generálni)${end}|${word}nem (?:segíthetek|válaszolhatok|adhatok|írhatok)${end}|${word}(?:segíteni|válaszolni) nem (?:tudok|fogok)${end}`],
	// Swedish: "jag kan inte hjälpa dig med det", "det kan jag tyvärr inte svara på"
	[/jag /, String.raw`${word}(?:jag kan|kan jag|jag tänker|jag kommer att|jag vill)(?: [\p{L}]+){0,3}? inte(?: [\p{L}]+){0,3}? (?:hjälpa|svara|besvara|ge(?! upp)|skriva|skapa|generera|tillhandahålla|dela|bidra|medverka)${end}`],
	// Danish, Norwegian: "jeg kan ikke hjælpe med det", "det kan jeg dessverre ikke hjelpe deg med"
	[/jeg /, String.raw`${word}(?:jeg kan|kan jeg|jeg vil|jeg kommer til å|jeg kommer ikke til)(?: [\p{L}]+){0,3}? ikke(?: [\p{L}]+){0,3}? (?:hjælpe|hjelpe|svare|besvare|give(?! op)|gi(?! opp)|skrive|lage|lave|oprette|opprette|generere|levere|dele|bidra|bidrage)${end}`],
	// Finnish: "en voi auttaa tässä", "valitettavasti en pysty vastaamaan"
	[/en (?:voi|pysty|aio|suostu)/, String.raw`${word}en (?:voi|pysty|aio|suostu)${gap} (?:auttaa|auttamaan|vastata|vastaamaan|antaa|antamaan|kirjoittaa|kirjoittamaan|luoda|luomaan|tuottaa|tuottamaan|jakaa|jakamaan|tarjota|tarjoamaan)${end}`],
	// Greek: "δεν μπορώ να βοηθήσω με αυτό", "δεν θα σας απαντήσω", "δεν είμαι σε θέση να"
	[/δεν /, String.raw`${word}δεν (?:μπορώ|θα μπορέσω|θα|είμαι σε θέση) (?:να )?(?:σας |σε |σου )?(?:βοηθήσω|απαντήσω|παρέχω|παράσχω|δώσω|γράψω|δημιουργήσω|συντάξω|μοιραστώ|συμμετάσχω|εξυπηρετήσω)${end}`],
	// Swahili: "siwezi kukusaidia na hilo", "sitaweza kujibu swali hilo"
	[/siwez|sitawez|sina uwezo|siruhusiwi/, String.raw`${word}(?:siwezi|sitaweza|sina uwezo wa|siruhusiwi)(?: [\p{L}]+){0,2}? ?ku(?:ku|wa|m)?(?:saidia|jibu|toa|andika|tengeneza|shiriki)${end}`],
	// Tagalog: "hindi ko kayo matutulungan", "hindi po ako makakatulong", "hindi ko masasagot"
	[/hindi /, String.raw`${word}hindi (?:ko (?:po )?(?:kayo |ka |po )?(?:matutulungan|masasagot|maibibigay|maisusulat)|(?:po )?ako (?:po )?(?:makakatulong|makatutulong|makakasagot|puwedeng tumulong|pwedeng tumulong))${end}`],
	// Hebrew: "אני לא יכול לעזור בזה", "אינני יכולה לספק", "לא אוכל לענות", "לא אעזור"
	[/[\u0590-\u05FF]/, String.raw`(?:אני לא|אינני|איני) (?:יכול|יכולה|מסוגל|מסוגלת)(?: \S+){0,2}? ל(?:עזור|סייע|ענות|השיב|ספק|כתוב|יצור|תת|מסור|שתף)|לא אוכל(?: \S+){0,2}? ל(?:עזור|סייע|ענות|השיב|ספק|כתוב|יצור|תת|מסור|שתף)|לא (?:אעזור|אסייע|אענה|אספק|אכתוב)`],
	// Persian: "نمی‌توانم در این زمینه کمکی بکنم", "قادر به پاسخگویی نیستم"
	[/نمی|نمي|قادر/, String.raw`(?:نمی|نمي)[\u200C ]?(?:توانم|تونم)(?: \S+){0,4}? (?:کمک|پاسخ|جواب|ارائه|بنویسم|بنويسم|بدهم|بدم|تهیه|ایجاد|راهنمایی)|قادر به (?:کمک|پاسخ|ارائه|نوشتن)[^.!?؟]{0,30}?نیستم`],
	// Urdu, "I" (میں) starting the clause: "معذرت، میں اس میں آپ کی مدد نہیں کر سکتا" (not "یہ دوا … میں مدد نہیں کر سکتی", "in")
	[/نہیں/, String.raw`(?:^|[.!?۔،,:]\s*)(?:معذرت|معاف کیجیے|افسوس)?[،,]?\s*میں [^.!?۔]{0,40}?(?:مدد|جواب|فراہم|معلومات|لکھ)[^.!?۔]{0,15}?نہیں (?:کر |دے |لکھ )?(?:سکتا|سکتی|سکوں|پاؤں)`],
	// Bengali: "আমি এ বিষয়ে সাহায্য করতে পারব না"
	[/[\u0980-\u09FF]/, String.raw`আমি[^।.!?]{0,40}?(?:সাহায্য|উত্তর|সহায়তা|সহায়তা|তথ্য দি|লিখ|তৈরি)[^।.!?]{0,15}?(?:পারব না|পারবো না|পারছি না|পারি না|অক্ষম)`],
	// Marathi: "मी तुम्हाला यात मदत करू शकत नाही"
	[/शक/, String.raw`(?<![\p{L}\p{M}])मी[^।.!?]{0,40}?(?:मदत|उत्तर|माहिती|सहाय्य|लिहू|तयार)[^।.!?]{0,15}?(?:शकत नाही|शकणार नाही)`],
	// Tamil: "என்னால் இதற்கு உதவ முடியாது", "நான் பதிலளிக்க மாட்டேன்"
	[/[\u0B80-\u0BFF]/, String.raw`(?:என்னால்|நான்)[^.!?]{0,40}?(?:உதவ|பதிலளிக்க|பதில் அளிக்க|வழங்க|எழுத|உருவாக்க)[^.!?\s]{0,4}\s?(?:முடியாது|இயலாது|மாட்டேன்)`],
	// Telugu, the verb's ending says "I cannot": "నేను ఈ విషయంలో సహాయం చేయలేను"
	[/[\u0C00-\u0C7F]/, String.raw`(?:సహాయం|సహాయ|సమాధానం|జవాబు)[^.!?]{0,12}?(?:చేయలేను|ఇవ్వలేను|చెప్పలేను|అందించలేను)|(?:అందించ|రాయ|సృష్టించ)లేను`],
];

/** The shapes above, each with its gate. */
export const moreLanguageShapes: GatedShape[] = shapes.map(([gate, shape]) => ({gate, shape: new RegExp(shape, 'gu')}));

/** Any of the gates, in one search: an opening that passes none tries none of the shapes. */
export const moreLanguages = new RegExp(shapes.map(([gate]) => gate.source).join('|'));
