/*
Refusal shapes in languages other than English (see refusal-openings.ts for the English ones and why
only a response's opening is searched). Each is a first-person "cannot / will not / am not able to"
with a verb of helping, answering or producing, in the language's own word order, or an apology with
such a verb, or the AI disclaimer ("as a language model"). The text is lower case (normaliseForPhrases).
*/

const word = String.raw`(?<![\p{L}\p{N}'])`;
const end = String.raw`(?![\p{L}\p{N}])`;
// Up to three words between the negation and the verb ("no te puedo ayudar", "я не могу вам с этим помочь").
const gap = String.raw`(?: [\p{L}'-]+){0,3}?`;

// A task done on the user's text (classify, rate, translate…) refused for the kind of content: "no puedo clasificar este tipo de contenido",
// "je ne peux pas classer ce genre de contenu", "solche Inhalte kann ich nicht bewerten" (not "no puedo clasificar la lista sin más datos").
const tasks = {
	es: 'clasificar|etiquetar|evaluar|calificar|valorar|analizar|moderar|procesar|traducir|resumir|revisar|juzgar|categorizar|puntuar',
	fr: 'classer|classifier|catégoriser|étiqueter|évaluer|noter|analyser|modérer|traiter|traduire|résumer|juger|annoter',
	pt: 'classificar|rotular|etiquetar|avaliar|analisar|moderar|processar|traduzir|resumir|revisar|julgar|categorizar|pontuar',
	it: 'classificare|etichettare|valutare|analizzare|moderare|elaborare|tradurre|riassumere|revisionare|giudicare|categorizzare|catalogare',
	de: 'klassifizieren|einordnen|einstufen|kategorisieren|bewerten|beurteilen|analysieren|moderieren|verarbeiten|übersetzen|zusammenfassen|kennzeichnen',
};
const suchContent = {
	es: String.raw`(?:(?:este|ese|esta|esa) (?:tipo|clase) de (?:contenidos?|solicitud(?:es)?|peticion(?:es)?|petición|material|textos?|mensajes?)|(?:contenidos?|textos?|material|mensajes?|solicitudes|peticiones) (?:como (?:este|ese|estos|esos|esta|esa|estas|esas)|así|de este tipo)|(?:tal|tales|dicho|semejante) (?:contenidos?|material|solicitud(?:es)?))`,
	fr: String.raw`(?:ce (?:genre|type) de (?:contenus?|demandes?|textes?|messages?|requêtes?)|(?:un |du |des )?(?:contenus?|textes?|messages?|demandes?) (?:comme (?:celui-ci|celle-ci|ceux-ci|cela|ça)|de ce (?:genre|type))|(?:un tel|une telle|de tels|de telles) (?:contenus?|demandes?|textes?|messages?))`,
	pt: String.raw`(?:(?:este|esse|esta|essa) tipo de (?:conteúdos?|pedidos?|solicitaç(?:ão|ões)|material|textos?|mensage(?:m|ns))|(?:conteúdos?|textos?|material|mensage(?:m|ns)|pedidos) (?:como (?:este|esse|estes|esses|esta|essa)|assim|deste tipo)|(?:tal|tais) (?:conteúdos?|material|pedidos?))`,
	it: String.raw`(?:questo (?:tipo|genere) di (?:contenut[oi]|richiest[ae]|materiale|testi|testo|messaggi[o]?)|(?:contenut[oi]|testi|materiale|messaggi|richieste) (?:come (?:questo|questi|questa|queste)|del genere|di questo tipo)|(?:tali|simili|un tale|una tale) (?:contenut[oi]|richiest[ae]|materiale|testi))`,
	de: String.raw`(?:(?:solche|derartige|diese art von|solchen|derartigen) (?:inhalte[n]?|anfragen|texte[n]?|nachrichten|material(?:ien)?)|(?:inhalte|texte|anfragen|nachrichten) wie (?:diese[n]?|dieses))`,
};

const romance = [
	// Spanish: "no puedo ayudarte", "no te puedo ayudar", "no estoy en condiciones de", "no me es posible"
	String.raw`no (?:(?:te|le|les|lo|la|los|las|os|me|se|nos) ){0,2}(?:puedo|podré|podría|voy a|estoy en condiciones de|me es posible|soy capaz de)${gap} (?:ayudar|asistir|proporcionar|responder|contestar|cumplir|crear|escribir|redactar|generar|ofrecer|dar|participar|facilitar|compartir|hacer eso|realizar|buscar|averiguar|rastrear|localizar|investigar)|no (?:(?:te|le|lo|la|los|las) )?(?:puedo|podré|podría|voy a|estoy en condiciones de|me es posible)${gap} (?:${tasks.es})(?:lo|la|los|las)? ${suchContent.es}`,
	// Portuguese: "não posso ajudar", "não consigo ajudar", "não sou capaz de", "não estou em condições de"
	String.raw`não (?:(?:te|lhe|lhes|o|a|os|as|me|vos) ){0,2}(?:posso|poderei|vou|consigo|sou capaz de|estou em condições de|me é possível)${gap} (?:ajudar|auxiliar|fornecer|responder|cumprir|criar|escrever|redigir|gerar|oferecer|dar|participar|fazer isso|compartilhar|procurar|pesquisar|buscar|rastrear|localizar)|não (?:(?:te|lhe|o|a|os|as) )?(?:posso|poderei|vou|consigo|sou capaz de|estou em condições de)${gap} (?:${tasks.pt})(?:-lo|-la|-los|-las)? ${suchContent.pt}`,
	// Italian: "non posso aiutarti", "non ti posso aiutare", "non sono in grado di", "non mi è possibile"
	String.raw`non (?:ti |le |vi |lo |la )?(?:posso|potrò|potrei|sono in grado di|mi è possibile|riesco a)${gap} (?:aiutar|assister|fornir|rispondere|soddisfare|creare|scrivere|redigere|generare|offrire|dare|partecipare|fare questo|condividere|cercar|rintracciar)|non (?:(?:ti|le|vi|lo|la) )?(?:posso|potrò|potrei|sono in grado di|riesco a)${gap} (?:${tasks.it}) ${suchContent.it}`,
	// French: "je ne peux pas vous aider", "je ne suis pas en mesure de", "il m'est impossible de", "je ne vais pas pouvoir"
	String.raw`(?:je ne (?:peux|pourrai|pourrais|vais|suis) pas|je ne suis pas en mesure d[e'] ?|il m'est impossible d[e'] ?|je refuse d[e'] ?)${gap} ?(?:vous |t'|te )?(?:pouvoir )?(?:aider|assister|fournir|répondre|satisfaire|créer|rédiger|écrire|générer|donner|proposer|participer|accéder à|faire cela|faire ça|partager|chercher|rechercher)|(?:je ne (?:peux|pourrai|pourrais|vais) pas|je ne suis pas en mesure d[e'] ?|il m'est impossible d[e'] ?)${gap} ?(?:${tasks.fr}) ${suchContent.fr}`,
];

const germanic = [
	// German, verb last: "ich kann dir dabei nicht helfen", "das kann ich leider nicht für dich erledigen", "darauf kann ich nicht eingehen", "dabei kann ich dir leider nicht behilflich sein"
	String.raw`(?:ich (?:kann|werde|darf|möchte)|(?:kann|werde|darf|möchte) ich)(?: [\p{L}]+){0,4}? (?:leider )?(?:nicht|keine[nmrs]?)(?: [\p{L}]+){0,4}? (?:weiter)?(?:helfen|beantworten|antworten|erstellen|schreiben|verfassen|liefern|geben|erledigen|übernehmen|machen|tun|nachkommen|erfüllen|bereitstellen|unterstützen|eingehen|generieren|teilen|mitwirken|anbieten|behilflich sein|zur seite stehen|nachschlagen|heraussuchen|recherchieren|ausfindig machen)${end}|(?:ich kann|kann ich|ich werde|werde ich)(?: [\p{L}]+){0,3}? ${suchContent.de} (?:leider )?nicht (?:${tasks.de})|${suchContent.de} (?:kann|werde|darf) ich (?:leider |hier )?nicht (?:${tasks.de})`,
	String.raw`ich bin (?:leider )?nicht in der lage`,
	// Dutch: "ik kan je daar niet mee helpen", "ik ben niet in staat", "ik zal geen antwoord geven"
	String.raw`ik (?:kan|zal|mag|ga|wil)(?: [\p{L}]+){0,4}? (?:niet|geen)(?: [\p{L}]+){0,4}? (?:helpen|beantwoorden|antwoorden|geven|leveren|schrijven|maken|genereren|verstrekken|voldoen|bieden|ondersteunen|doen|delen)${end}`,
	String.raw`ik ben (?:helaas )?niet in staat`,
];

const slavic = [
	// Russian, Ukrainian: "я не могу вам с этим помочь", "я не можу допомогти"
	String.raw`я не (?:могу|буду|стану|смогу|можу|зможу|в состоянии|в змозі)${gap} (?:помочь|помогать|ответить|отвечать|предоставить|выполнить|написать|писать|создать|обсуждать|высказывать|допомогти|допомагати|відповісти|відповідати|надати|виконати|створити|обговорювати|поділитися|згенерувати|сгенерировать|искать|разыскивать|отслеживать|шукати|розшукувати)`,
	// Polish: "nie mogę ci w tym pomóc", "nie jestem w stanie odpowiedzieć"
	String.raw`nie (?:mogę|jestem w stanie|będę|mógłbym|mogłabym|mogę niestety)${gap} (?:pomóc|pomagać|odpowiedzieć|odpowiadać|udzielić|udzielać|dostarczyć|napisać|pisać|stworzyć|tworzyć|wygenerować|generować|spełnić|zrealizować|wykonać|podać|przygotować|uczestniczyć)`,
];

const asian = [
	// Indonesian, Malay: "saya tidak dapat membantu", "saya tak boleh membantu", "kami tidak bisa memberikan"
	String.raw`(?:saya|aku|kami) (?:tidak|tak|belum) (?:dapat|bisa|boleh|mampu|akan|bersedia|diizinkan)(?: untuk)?${gap} (?:membantu|bantu|memberikan|memberi|menjawab|menyediakan|membuat|menulis|memenuhi|mengerjakan|melakukan|menghasilkan|mendukung|berpartisipasi|membahas|menyelesaikan|membagikan|mengabulkan|menuruti|membuatkan|menuliskan|mencarikan|mencari|melayani|menunaikan|melaksanakan)|(?:tidak|tak) (?:dapat|bisa|boleh|akan) (?:saya|aku|kami) (?:penuhi|bantu|jawab|berikan|beri|buatkan|buat|tuliskan|tulis|lakukan|kerjakan|sediakan|bagikan|kabulkan|turuti|layani|carikan|cari|tunaikan|laksanakan|proses)(?:kan)?${end}`,
	// Vietnamese: "tôi không thể giúp", "tôi sẽ không viết", "mình không thể hỗ trợ"
	String.raw`(?:tôi|mình|chúng tôi) (?:không thể|sẽ không|không được phép|không có khả năng|e rằng không thể|xin phép không)${gap} (?:giúp|hỗ trợ|trả lời|cung cấp|tạo|viết|thực hiện|đáp ứng|làm|tham gia|thảo luận|chia sẻ|đưa ra|soạn)`,
	// Turkish, the first person in the verb: "yardımcı olamam", "cevap veremem", "sağlayamayacağım"
	String.raw`(?:yardımcı olam|yardım edem|yardımcı olmam mümkün değil|cevap verem|yanıt verem|bilgi verem|sağlayam|yazam|oluşturam|üretem|destek olam|katılam|yerine getirem|tartışam|paylaşam)(?:am|em|ayacağım|eyeceğim|ıyorum|iyorum)?(?![\p{L}])`,
];

const otherLanguages: string[] = [
	...romance.map(shape => `${word}${shape}`),
	...germanic.map(shape => `${word}${shape}`),
	...slavic.map(shape => `${word}${shape}`),
	...asian.map(shape => `${word}${shape}`),
	// Korean: "도와드릴 수 없습니다", "답변드리기 어렵습니다", "제공할 수 없습니다", "안내해 드릴 수 없습니다"
	String.raw`(?:도와|도움을 드릴|도울|돕|답변|대답|응답|응하|응할|제공|작성|생성|만들어|지원|처리|안내|알려|말씀|들어 ?드|해 ?드)[가-힣]{0,4}(?: 드[리릴][가-힣]{0,2})? ?(?:수 ?(?:가 )?없|어렵)`,
	// Thai: "ฉันไม่สามารถช่วย…", "ขออภัย … ไม่สามารถ…", "ช่วยไม่ได้"
	String.raw`(?:ฉัน|ผม|ดิฉัน|เรา|หนู|ขออภัย|ขอโทษ|เสียใจ)[^.!?\n]{0,40}?ไม่(?:สามารถ|อาจ)(?:ที่จะ)? ?(?:ช่วย|ตอบ|ให้|สร้าง|เขียน|ทำ|ดำเนินการ|จัดทำ|สนับสนุน|แบ่งปัน)|(?:ฉัน|ผม|ดิฉัน|เรา|หนู)(?:คง|อาจ|จึง|ก็|คงจะ|อาจจะ|เกรงว่า(?:จะ)?|คงต้อง|ต้อง|จำเป็นต้อง)*\s?(?:ช่วย|ตอบ|ทำให้|ทำตาม|เขียนให้|สร้างให้|ให้ข้อมูล|จัดทำ|ดำเนินการ)[^\s]{0,15}ไม่ได้|(?:ขออภัย|ขอโทษ|เสียใจ)[^.!?\n]{0,30}?(?:ช่วย|ตอบ|ทำให้|ทำตาม|เขียนให้|สร้างให้|ให้ข้อมูล)[^\s]{0,15}ไม่ได้|(?:ฉัน|ผม|ดิฉัน|เรา|หนู)?(?:คง|จึง)?(?:ขอ|ขออนุญาต)(?:ที่จะ)?ไม่(?:ตอบ|ช่วย|เขียน|ให้ข้อมูล|สร้าง|ทำ|แสดงความเห็น|ร่วม)`,
	// Arabic: "I cannot / I am not able / it is impossible for me" (لا يمكنني، لست قادرًا، يتعذر علي)
	String.raw`(?:لا|لن) (?:يمكنني|أستطيع|استطيع|أقدر|يسعني|بإمكاني|أتمكن|اتمكن)|(?:لست|غير) (?:قادر|قادرة|قادرًا|قادرا)|ليس (?:بإمكاني|بوسعي|لدي القدرة)|يتعذر علي|(?:بصفتي|كوني) ?(?:نموذج|مساعد|ذكاء)|(?<![\p{L}])ك(?:نموذج|مساعد|ذكاء)`,
	// Hindi: "मैं … मदद नहीं कर सकता", "उत्तर नहीं दे सकती", "मैं … असमर्थ हूँ", "as an AI" (… के रूप में)
	String.raw`मैं[^।.!?]{0,40}?नहीं (?:कर|दे|बता|लिख|बना|समझा|सुझा) (?:सकता|सकती|सकते|सकूँगा|सकूंगा|सकूँगी|सकूंगी|पाऊँगा|पाऊंगा|पाऊँगी|पाऊंगी|पाता|पाती)|मैं[^।.!?]{0,40}?असमर्थ|(?:एआई|ai|मॉडल) के रूप में`,
	// Chinese (simplified and traditional): "我不能回答", "我没办法帮你完成", "很抱歉，无法满足您的要求", "这个请求我不能…", "我帮不了你"
	String.raw`我(?:恐怕|暂时|暫時|实在|實在|真的|目前|也)?(?:不能|无法|無法|没法|沒法|没办法|沒辦法|没有办法|沒有辦法|不可以|不便|不方便|不会|不會|难以|難以)(?:为|為|给|給|帮|幫|向|替|和|跟)?(?:你|您|你们|你們)?(?:回答|回覆|帮助|幫助|帮忙|幫忙|帮|幫|协助|協助|提供|满足|滿足|完成|撰写|撰寫|编写|編寫|写|寫|生成|参与|參與|讨论|討論|透露|处理|處理|回应|回應|执行|執行|创作|創作|制作|製作|答复|答覆|解答|给出|給出|分享)|(?:抱歉|对不起|對不起|不好意思|遗憾|遺憾)[^。！？.!?]{0,20}?(?:无法|無法|不能|没办法|沒辦法)(?:为|為|给|給|帮|幫|向)?(?:你|您)?(?:回答|帮助|幫助|帮|幫|协助|協助|提供|满足|滿足|完成|撰写|撰寫|生成|处理|處理|回应|回應|执行|執行)|(?:这个|這個|该|該|此)(?:问题|問題|请求|請求|要求)我(?:不能|无法|無法|没办法|沒辦法)|(?:帮不了|幫不了|爱莫能助|愛莫能助|恕难从命|恕難從命)|(?:这个忙|這個忙|这忙|這忙|这件事|這件事|这事|這事)(?:我)?(?:恐怕|实在|實在|真的|可能|确实|確實|也)?(?:帮不上|幫不上|帮不了|幫不了)|(?:^|[。！？，,.!?；;：:\s])(?:我)?(?:恐怕|实在|實在|真的|确实|確實|也)?(?:帮不上|幫不上)(?:你|您)?(?:的|什么|什麼)?(?:忙)?|我(?:对此|對此|在这方面|在這方面|在这件事上|在這件事上|这次|這次|也)?(?:恐怕|实在|實在|真的)?(?:无能为力|無能為力)|恕我(?:不能|无法|無法|难以|難以|直言不能)`,
	// Japanese: "お答えできません", "お応えできかねます", "対応いたしかねます", "回答は差し控えさせていただきます"
	String.raw`(?:お答え|お応え|答え|応え|答える|応える|お手伝い|手伝う|手伝い|ご提供|提供|ご回答|回答|ご対応|対応|ご協力|協力|作成|お受け|引き受け|お引き受け|応じ|応じる|お力に|生成|執筆|サポート|支援|ご案内|共有|お調べ|調べる|検索)(?:する|いたす|致す|に|なる)?(?:こと)?(?:は|が|も)?(?:できません|できかねます|出来かねます|いたしかねます|致しかねます|しかねます|出来ません|できない|なれません)|(?:回答|ご回答|お答え|コメント|言及|発言)(?:は|を)?差し控え`,
];

/**
 * What each shape above cannot match without, in the same order: a word or a script of its language. A
 * shape whose gate fails is not tried (the shapes' Unicode patterns cost far more than these plain tests).
 */
const wordGates: RegExp[] = [
	/no /, /não /, /non /, /je |il m'/,
	/ich/, /ich bin/, /ik /, /ik ben/,
	/я не /, /nie /,
	/saya |aku |kami /, /tôi |mình /, /olam|edem|olmam|verem|sağlayam|yazam|oluşturam|üretem|katılam|getirem|tartışam|paylaşam/,
];
const scriptGates: RegExp[] = [/[\uAC00-\uD7AF]/, /[\u0E00-\u0E7F]/, /[\u0600-\u06FF]/, /[\u0900-\u097F]/, /[\u3400-\u9FFF]/, /[\u3040-\u30FF\u3400-\u9FFF]/];

type GatedShape = {gate: RegExp; shape: RegExp};

/** A group of shapes, tried when its gate (any of theirs, in one search) passes, then each when its own does. */
export type ShapeGroup = {gate: RegExp; shapes: GatedShape[]};

function group(gates: RegExp[], shapes: string[]): ShapeGroup {
	return {gate: new RegExp(gates.map(gate => gate.source).join('|')), shapes: shapes.map((shape, index) => ({gate: gates[index], shape: new RegExp(shape, 'gu')}))};
}

/** Other languages' shapes in their order, in two groups (written with words of Latin or Cyrillic letters; in their own scripts), tried on an opening that holds a non-ASCII letter or one of their negations. */
export const otherLanguageShapes: ShapeGroup[] = [group(wordGates, otherLanguages.slice(0, wordGates.length)), group(scriptGates, otherLanguages.slice(wordGates.length))];
if (otherLanguages.length !== wordGates.length + scriptGates.length) throw new Error('refusal-openings-languages: a shape without its gate');

// Letters of the scripts above and of refusal-openings-more-languages.ts (accented Latin, Vietnamese, Greek,
// Cyrillic, Hebrew, Arabic, Devanagari, Bengali, Tamil, Telugu, Thai, kana, Han, Hangul) or an unaccented
// word of theirs; a dash, a degree sign or an emoji alone does not wake them. One search for both files'
// shapes: a second one over every opening would cost as much again.
const otherLetters = /[\u00C0-\u024F\u1EA0-\u1EFF\u0370-\u03FF\u1F00-\u1FFF\u0400-\u04FF\u0590-\u06FF\u0900-\u09FF\u0B80-\u0C7F\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;
const otherWords = /\b(?:no|non|je|il|ich|kann|ik|saya|aku|kami|nie|toi|ben|nu|nem|jag|jeg|en (?:voi|pysty|aio|suostu)|hindi|pref\w*|puc|nemoh\w*|nebud\w*|nejsem|nedok\w*|ne (?:mogu|morem)|siwezi|sitaweza|sina|siruhusiwi)\b|emem|amam|ayam/;
export const otherLanguage = new RegExp(`${otherLetters.source}|${otherWords.source}`);

/**
 * otherLanguage.test(text), the letters looked for first: one class of characters is searched far faster than
 * a list of words, and most openings that have either have a letter (an accent, another script).
 */
export function isOtherLanguage(text: string): boolean {
	return otherLetters.test(text) || otherWords.test(text);
}
