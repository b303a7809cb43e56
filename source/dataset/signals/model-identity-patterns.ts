/*
The shapes of a model naming itself, in the languages winnow knows, as regular expressions built from
the configured model names and vendors (an alternation each, lower case). The text is normalised
(normaliseForPhrases: lower case, "i am" → "i'm", white space as single spaces). Names and vendors are
matched with ASCII word edges only, so "我是ChatGPT", "저는 ChatGPT입니다" and "Я — GigaChat" are found
while "ChatGPTs" is not.
*/

export const before = '(?<![a-z0-9_])';
export const after = "(?![a-z0-9_'-])";
// A sentence start in any script, after white space or Markdown marks (" As ChatGPT, …", "> **As GPT-4**, …").
// An opening bracket starts an aside: "Sure! (As an OpenAI model I can't see attachments…)".
const start = String.raw`(?:^|[.!?。！？:;(（])[\s*_>#(（\[-]*`;

/**
 * A version after a model's name, part of the name: "DeepSeek-V3", "Claude 3 Opus", "Claude 3.5 Sonnet",
 * "Llama-3-70B-Instruct", "GPT-4o-mini", "Qwen2.5", "Mixtral 8x7B", "Gemini 1.5 Pro", "Gemma-2-9b-it".
 * Numbers after a space or hyphen (or straight after the name, a Latin or a Chinese, Japanese or Korean
 * one: "通义千问2.5", "文心一言4.0"), and the tier words models are sold by;
 * the common words among those ("large", "it", "base") only after a hyphen.
 */
export const versionSuffix = String.raw`(?:(?:[ -]|(?<=[a-z\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]))(?:v?\d{1,2}(?:\.\d{1,2})?[a-z]?|\d{1,3}b|\d{1,2}x\d{1,3}b)(?![a-z0-9]|\.\d)|[ -](?:opus|sonnet|haiku|pro|flash|ultra|turbo|instruct|mini|nano)(?![a-z0-9'])|-(?:chat|large|medium|small|base|it|preview|max|plus|lite|coder|r1|o|x|hf)(?![a-z0-9']))*`;
const latin = (alternatives: string) => String.raw`(?<![\p{L}\p{N}'])(?:${alternatives})(?![\p{L}\p{N}])`;

/** "I am" and "this is" before a name: "soy", "je suis", "ich bin", "我是", "tôi là", "saya", "jestem", "ik ben", "أنا", "ben" (not "我是ChatGPT的用户"). */
const iAm = `(?:${latin("i'm|this is|hier spricht|hier ist|ici|aquí habla|qui parla|tu mówi|soy|yo soy|je suis|ich bin|sou|eu sou|sono|io sono|я|tôi là|mình là|saya|saya adalah|saya ialah|aku|aku adalah|jestem|ik ben|ben|jag är|jeg er|jsem|ako si|ako ay si|mimi ni|είμαι")}|我是|我叫|أنا|انا|אני)\\s*(?:[—–-]\\s*)?(?:the |el |la |le |o |a |der |die |das |il |lo )?`;
/** A word or two before "I am" that keep it the speaker's: "Under the hood I'm GPT-4o", "Technically I'm…". */
const hoodLead = String.raw`(?:under the hood|behind the scenes|at (?:my )?core|deep down|technically|actually|basically|in fact|in reality|strictly speaking|for the record)\s*,?\s*`;
/** "My name is" and the like, in the same languages. */
const myNameIs = `(?:${latin("my name is|call me|i go by|i'm known as|i'm named|i was named|i'm called|me llamo|mi nombre es|je m'appelle|mon nom est|ich heiße|mein name ist|meu nome é|me chamo|mi chiamo|il mio nome è|меня зовут|мене звати|nama saya|nama saya adalah|tên tôi là|tên của tôi là|benim adım|nazywam się|mijn naam is|ik heet")}|اسمي|मेरा नाम|제 이름은|내 이름은|私の名前は|(?:ผม|ฉัน|ดิฉัน|หนู)(?:คือ|ชื่อ)|ชื่อของ(?:ผม|ฉัน|ดิฉัน)(?:คือ)?)\\s*`;
/**
 * "You are talking to X" said at a sentence start (not "if you're talking to…"), in English, Spanish, French, German,
 * Italian, Portuguese, Russian, Ukrainian, Polish, Dutch, Indonesian, Vietnamese; Chinese "你正在和X聊天",
 * Japanese "あなたはXと話しています", Korean "지금 X와 대화하고 계십니다".
 */
const talkingTo = `${latin("you are talking to|you're talking to|you're chatting with|you are chatting with|you're speaking with|you are speaking with|you're speaking to|you are speaking to|estás hablando con|está hablando con|estás conversando con|estás chateando con|vous parlez à|vous parlez avec|tu parles à|tu parles avec|vous discutez avec|tu discutes avec|vous échangez avec|du sprichst mit|du chattest mit|sie sprechen mit|sie chatten mit|stai parlando con|sta parlando con|stai chattando con|você está falando com|você está conversando com|está falando com|está conversando com|estás a falar com|вы говорите с|вы общаетесь с|ты говоришь с|ты общаешься с|ви спілкуєтеся з|ти спілкуєшся з|rozmawiasz z|rozmawia pan z|rozmawia pani z|je praat met|je spreekt met|u spreekt met|anda sedang berbicara dengan|anda berbicara dengan|kamu sedang berbicara dengan|kamu berbicara dengan|anda sedang bercakap dengan|bạn đang nói chuyện với|bạn đang trò chuyện với")}\\s*`;
/** Languages that put "am" after the name: Korean "저는 ChatGPT입니다", Japanese "私はChatGPTです", Hindi "मैं ChatGPT हूँ", Turkish "Ben ChatGPT'yim". */
const copulaAfter = {
	korean: String.raw`(?:저는|나는|전|난|제 이름은)[^.!?\n]{0,40}?`,
	koreanEnd: String.raw`\s*(?:입니다|이에요|예요|이야|야|이고|이며|라고|이라고|로서)`,
	japanese: String.raw`(?:私|わたし|僕|ぼく)(?:は|の名前は)[^。！？\n]{0,40}?`,
	japaneseEnd: String.raw`\s*(?:です|と申します|といいます|と言います|でございます|だ|、|。)`,
	hindiEnd: String.raw`\s*(?:हूँ|हूं|हु)`,
	turkishEnd: String.raw`'?(?:yim|yım|im|ım|um|üm|yum|yüm)(?![\p{L}])`,
};
const modelNoun = String.raw`(?:model|ai|assistant|chatbot|language model|модель|ассистент|помощник)`;

/** A greeting before a self-introduction: "Hi", "Hey there,", "Hello everyone!", "Good morning", "你好", "Hey there 👋,". */
export const greeting = String.raw`(?:(?:hi|hello|hey|greetings|howdy|hiya|good (?:morning|afternoon|evening|day))(?: (?:there|everyone|all|folks|friend|friends))?|hola|bonjour|salut|hallo|ciao|olá|oi|привет|здравствуйте|你好|您好|こんにちは|안녕하세요|halo|merhaba|xin chào|cześć|مرحبا|أهلا|أهلاً|नमस्ते|שלום|สวัสดี(?:ครับ|ค่ะ|คะ|จ้ะ)?)(?:\s*\p{Extended_Pictographic}[\u{FE0F}\u{200D}\p{Extended_Pictographic}\p{Emoji_Modifier}]*)*(?:[!,.،]|\s+[—–-])?\s*`;

/**
 * A model named as the speaker: a self-introduction ("I'm X", "X here", "저는 X입니다"), which a person
 * could make too, or a role taken ("As X, I…", "Speaking as X"), which people do not say of their own
 * name. Each pattern's `name` group holds the name.
 */
export function namePatterns(names: string): Array<{pattern: RegExp; introduction: boolean}> {
	const name = `(?<name>${before}(?:${names}))`;
	const role = new RegExp(`${start}(?:as|being|speaking as|writing as|answering as|responding as|here's|here is|en tant que|sebagai|với tư cách là) ${name}${after}(?=\\s*[,:;]|\\s+i\\b)(?!\\s*[,:;]?\\s*(?:you|your|you're|you'll|you've|tu|vous|du|sie)(?![\\p{L}']))`, 'u');
	// Chinese "作为阿里云研发的通义千问，我会…", "身为ChatGPT，…" (not "作为ChatGPT的用户"): the name ends the phrase
	// Spanish, Portuguese, Italian, French: "Como Claude, no tengo opiniones" (not "Como ChatGPT, Gemini…": "like ChatGPT"): the speaker after it
	const roleRomance = new RegExp(`${start}(?:como|enquanto|come|comme) ${name}${after}\\s*,\\s*(?=[^.!?\\n]{0,40}?${latin("yo|soy|tengo|puedo|mi|mis|me|eu|sou|tenho|posso|meu|minha|io|sono|ho|posso|mio|mia|je|j'|suis|n'ai|mon|ma|mes")})`, 'u');
	const roleChinese = new RegExp(`(?:^|[.!?。！？，,:;：；])\\s*(?:作为|作為|身为|身為)(?:一[个個款名])?(?:[^，,。！？.!?]{0,24}?的)?\\s*${name}${after}(?=\\s*[，,：:；;])`, 'u');
	const introductions = [
		new RegExp(`(?:${myNameIs}|(?:^|[.!?。！？:;,])[\\s*_>#-]*(?:${greeting})?(?:${hoodLead})?${iAm})${name}${after}(?!\\s*(?:的|を|が|に|で|と|の|를|을|와|과|에게))`, 'u'),
		// "I run on GPT-4o", "I'm powered by OpenAI's GPT-4o", "I'm built on Llama 3"
		new RegExp(`${latin("i run on|i'm running on|i'm powered by|i'm built on|i'm based on|i run on top of|i'm built on top of|i'm a fine-tuned version of|i'm a version of")} (?:the |an? )?(?:[\\p{L}-]+'s )?${name}${after}`, 'u'),
		// "Mistral here, …", "Claude here!", "Hey there, DeepSeek here, ready to…"
		new RegExp(`${start}(?:${greeting})?${name}${after} (?:here|speaking|at your service|reporting for duty|hier|ici|aquí|qui|tutaj|здесь|на связи)(?=\\s*(?:[,!.:;—–-]|$|\\p{Extended_Pictographic}))`, 'u'),
		// Japanese and Korean "I am called X": "ChatGPTと申します", "하이퍼클로바X라고 합니다"
		new RegExp(`${name}${after}\\s*(?:と申します|といいます|と言います|でございます|(?:라고|이라고)\\s*(?:합니다|해요|불러))`, 'u'),
		new RegExp(`${copulaAfter.korean}${name}${copulaAfter.koreanEnd}`, 'u'),
		new RegExp(`${copulaAfter.japanese}${name}${copulaAfter.japaneseEnd}`, 'u'),
		new RegExp(`मैं\\s*${name}${copulaAfter.hindiEnd}`, 'u'),
		new RegExp(`${latin('ben')},?\\s*${name}${copulaAfter.turkishEnd}`, 'u'),
		// "Estás hablando con Command R, …", "Vous parlez à Le Chat", "你正在和通义千问聊天", "지금 클로바X와 대화하고 계십니다"
		new RegExp(`(?:${start}|\\s[—–]\\s*)(?:${greeting})?(?:${latin('yes|yep|yeah|indeed|correct|sí|oui|ja|sim|да|ya')}[,!.]?\\s+)?(?:${latin('right now|currently|now|at the moment|ahora|ahora mismo|en este momento|actuellement|en ce moment|gerade|im moment|jetzt|adesso|in questo momento|agora|neste momento|сейчас|teraz|nu|saat ini|sekarang|hiện tại')},? )?${talkingTo}(?:the |el |la |le |o |a |der |die |das |il |lo )?${name}${after}`, 'u'),
		new RegExp(`(?:^|[.!?。！？,，:：;；])\\s*(?:你|您)(?:现在|現在|目前|此刻)?(?:正在|正)?(?:和|与|與|跟)${name}${after}\\s*(?:聊天|对话|對話|交谈|交談|交流)`, 'u'),
		new RegExp(`(?:^|[。！？])\\s*(?:あなたは|今|いま)?[、\\s]*${name}${after}\\s*と(?:話して|会話して|お話しして|チャットして)(?:います|いらっしゃいます)(?=[。！]|$)`, 'u'),
		new RegExp(`(?:^|[.!?])\\s*(?:지금|현재)?\\s*${name}${after}\\s*(?:와|과|하고)\\s*(?:대화|이야기|채팅)(?:하고|를 나누고)\\s*(?:계십니다|계세요|있습니다|있어요|있는 거예요)`, 'u'),
		// "I'm part of the Gemini family", "I belong to the Llama 3 series of models", "Je fais partie de la famille Mistral", "我属于通义千问系列"
		new RegExp(`${latin("i'm part of|i'm a part of|i belong to|i'm a member of|i'm one of|i come from|i'm the latest in|i'm the newest member of|i'm the latest member of")} (?:the )?(?:(?:latest|newest|current) )?${name}${after}(?:[ -][a-z0-9.]+){0,2}? (?:family|series|line|lineup|suite|generation|models|model family|family of models)(?![\\p{L}])`, 'u'),
		new RegExp(`${latin("je fais partie de la|j'appartiens à la|formo parte de la|soy parte de la|pertenezco a la|faço parte da|pertenço à|faccio parte della|appartengo alla|ich gehöre zur|ich bin teil der|я отношусь к|я принадлежу к|я вхожу в|я из|należę do|maakt deel uit van de|ik hoor bij de")} (?:famille|gamme|série|familia|serie|família|série|famiglia|familie|reihe|семейству|семейства|семейство|линейке|линейки|rodziny|serii) (?:des |de |dei |der |de modelos |de modèles |di modelli |моделей |modeli )?${name}${after}`, 'u'),
		new RegExp(`${latin('ich gehöre zur|ich bin teil der|ich bin ein teil der')} ${name}(?=-(?:familie|reihe|serie|modellfamilie)(?![\\p{L}]))`, 'u'),
		new RegExp(`我(?:属于|屬於|来自|來自|是)${name}${after}\\s*(?:系列|家族)`, 'u'),
		new RegExp(`(?:私|わたし|僕)は${name}${after}\\s*(?:シリーズ|ファミリー)`, 'u'),
		new RegExp(`(?:저는|나는)\\s*${name}${after}\\s*(?:시리즈|계열|제품군|패밀리)`, 'u'),
	];
	// The model answering, named: "The model answering you right now is GPT-4o", "The AI you're talking to is Claude"
	const answering = new RegExp(`${start}(?:the )?(?:model|ai|assistant|chatbot|bot|llm|language model|ai model|ai assistant) (?:(?:answering|replying to|responding to|talking to|chatting with|helping|speaking to|speaking with) you|(?:you're|you are) (?:talking|chatting|speaking) (?:to|with)|behind (?:this|these) (?:answers?|responses?|replies|chat|conversation))(?: (?:right now|now|today|here|at the moment|currently))? is (?:the |an? )?${name}${after}`, 'u');
	// Chinese, the speaker as "this assistant": "本助手由深度求索公司开发，名叫DeepSeek", "本模型是通义千问"
	const thisAssistant = new RegExp(`(?:^|[.!?。！？,，])\\s*(?:本助手|本模型|本机器人|本機器人|本ai助手|本ai|本聊天机器人|本聊天機器人|本系统|本系統)[^。！？.!?\\n]{0,30}?(?:名叫|名为|名為|叫做|叫|就是|是)\\s*${name}${after}`, 'u');
	// The name and the speaker made one: "Claude (that's me!) would…", "GPT-4 — that's me — suggests…"
	const thatsMe = new RegExp(`${name}${after}\\s*(?:\\(\\s*(?:that's|that is|yes,?|i\\.e\\.,?|aka)?\\s*(?:me|myself|yours truly)\\s*!?\\s*\\)|[—–]\\s*(?:that's|that is)\\s*me\\s*[—–,])`, 'u');
	return [{pattern: role, introduction: false}, {pattern: roleRomance, introduction: false}, {pattern: roleChinese, introduction: false}, {pattern: thatsMe, introduction: false}, {pattern: answering, introduction: false}, {pattern: thisAssistant, introduction: false}, ...introductions.map(pattern => ({pattern, introduction: true}))];
}

/** Marks of the first person that a "developed by" can be said of. */
const self = `(?:${latin("i'm|i was|i've been|i have been|i've|my (?:creators?|developers?|makers?|training|model)|(?:as|being|jako|als|como|come|comme|en tant que|как|sebagai|với tư cách là)(?: an?| ein| eine| un| una| uno| một)?(?: [\\p{L}-]+)? (?:ai|assistant|language model|model|chatbot|large language model|modelo|modello|modèle|modell|sprachmodell|ki|ki-modell|ia|модель|ии|asistente|assistente|asystent|asisten|mô hình|sztuczna inteligencja)|je suis|j'ai été|je|moi|soy|fui|yo|sou|eu|sono|io|ich|ik|mich|jestem|zostałem|zostałam|я|меня|мене|saya|aku|tôi|mình|ben|jag|jeg|jsem|mimi|είμαι|én")}|我|私|わたし|僕|저는|나는|제가|저를|أنا|انا|تم تطويري|मैं|मुझे|ผม|ฉัน|ดิฉัน|אני)`;
const madeBy = [
	String.raw`(?:developed|created|trained|built|made|designed|programmed|owned|fine-tuned|released|powered)\s+by`,
	String.raw`(?:développée?|créée?|entraînée?|conçue?|formée?|programmée?)\s+par`,
	String.raw`(?:desarrollad[oa]|cread[oa]|entrenad[oa]|diseñad[oa]|hech[oa]|programad[oa])\s+por`,
	String.raw`(?:desenvolvid[oa]|criad[oa]|treinad[oa]|projetad[oa])\s+(?:pela|pelo|por)`,
	String.raw`(?:sviluppat[oa]|creat[oa]|addestrat[oa]|progettat[oa])\s+da`,
	String.raw`(?:ontwikkeld|gemaakt|getraind|gebouwd)\s+door`,
	String.raw`(?:stworzon[ya]|opracowan[ya]|wytrenowan[ya]|zbudowan[ya])\s+przez`,
	String.raw`(?:entwickelt|erstellt|trainiert|programmiert|geschaffen|gebaut|entworfen)\s+(?:von|durch)(?:\s+(?:der firma|dem unternehmen|(?:dem|einem) team (?:von|bei)))?`,
	String.raw`(?:dikembangkan|dibuat|dilatih|diciptakan|dibangunkan|dibina|dirancang)\s+oleh`,
	String.raw`(?:utvecklad|skapad|tränad|byggd|udviklet|skabt|trænet|bygget|utviklet|laget|trent)\s+(?:av|af)`,
	String.raw`(?:vyvinut|vytvořen|vytvoren|natrénován|natrénovan|trénován)\p{L}*\s+(?:společností|spoločnosťou|firmou)?\s*`,
	String.raw`(?:dezvoltat|antrenat|construit)[ăa]?\s+de(?:\s+(?:compania|echipa))?`,
	String.raw`(?:αναπτύχθηκ|δημιουργήθηκ|εκπαιδεύτηκ|αναπτυγμέν|δημιουργημέν|εκπαιδευμέν)\p{L}*\s+από\s+(?:την\s+|τη\s+|το\s+|τον\s+)?(?:εταιρεία\s+)?`,
	String.raw`(?:ginawa|binuo|nilikha|sinanay|dinisenyo)\s+(?:ng|ni)`,
	// Swahili, any subject and relative prefix: "(msaidizi) aliyetengenezwa na", "niliyeundwa na", "iliyotengenezwa na"
	String.raw`(?<![\p{L}])\p{L}{0,5}(?:tengenezwa|undwa|funzwa|fundishwa|endelezwa|buniwa)\s+na`,
	String.raw`(?:พัฒนา|สร้าง|ฝึกฝน|ฝึก|ออกแบบ|เทรน)(?:ขึ้น)?\s*โดย\s*(?:บริษัท\s*|ทีม(?:งาน)?\s*)?`,
	String.raw`(?:פותחתי|פותח|פותחה|נוצרתי|נוצר|נוצרה|אומנתי|אומן|אומנה|שפותח|שפותחה|שנוצר|שנוצרה|שאומן)\s+(?:על ידי|על-ידי|בידי)\s*(?:חברת\s*)?`,
	String.raw`(?:phát triển|tạo ra|huấn luyện|đào tạo|xây dựng)\s+bởi`,
	String.raw`(?:разработан|создан|обучен|розроблен|створен|навчен)\p{L}*\s+(?:компанией\s+|компанією\s+)?`,
	String.raw`(?:طورته|طورتها|طورتني|دربته|دربتني|من تطوير|من إنشاء|بواسطة|من قبل|أنشأته|أنشأتني|صنعته)\s*(?:شركة\s*)?`,
].join('|');
/** The verbs of making a thing (not of training a person): "created by the Mistral AI team". */
const madeThing = String.raw`(?:developed|created|built|made|designed|programmed)\s+by`;
/** Between "made by" and the vendor: "the team at", "the folks at", "engineers at", "researchers from". */
const teamAt = String.raw`(?:(?:the |a )?(?:(?:good |wonderful |talented )?(?:team|teams|folks|people|engineers|researchers|developers|scientists|staff|research (?:group|groups|lab|labs|team))|[\p{L}-]+ team)(?: of (?:engineers|researchers|developers))? (?:at|from|of)\s+)`;

/** The verbs of making a thing, in French, Spanish, Portuguese, Italian and Dutch (not of training: a person is trained too). */
const madeByForeign = String.raw`(?:créée?|conçue?|développée?|programmée?|construite?)\s+par|(?:cread[oa]|desarrollad[oa]|diseñad[oa]|programad[oa]|construid[oa])\s+por|(?:criad[oa]|desenvolvid[oa]|projetad[oa]|construíd[oa])\s+(?:pela|pelo|por)|(?:creat[oa]|sviluppat[oa]|progettat[oa]|costruit[oa])\s+da|(?:gemaakt|ontwikkeld|gebouwd|ontworpen)\s+door`;
/** A vendor's people in those languages and German: "l'équipe de", "el equipo de", "a equipe da", "il team di", "het team van", "das Team von". */
const teamOf = String.raw`(?:(?:l'équipe|les équipes|les ingénieurs|les chercheurs|les gens) (?:de |d')|(?:el equipo|los ingenieros|los investigadores|la gente) de |(?:a equipe|os engenheiros|os pesquisadores|o pessoal) d[ao] |(?:il team|i ricercatori|gli ingegneri) di |(?:het team|de mensen|de ingenieurs) (?:van|bij) |(?:das team|die entwickler|die leute) (?:von|bei) |(?:the )?(?:team|folks|people|engineers) at )`;

/** After the vendor: "von OpenAI entwickelt", "do OpenAI phát triển", "OpenAI tarafından geliştirilen", "由OpenAI开发", "OpenAI에서 개발한", "Googleによって…開発". */
const byVendor = [
	String.raw`\s*(?:公司|集团|集團|团队|團隊|科技|实验室|實驗室)?(?:开发|训练|创建|打造|推出|研发|開發|訓練|研發)`,
	// German as a predicate ("ich wurde von OpenAI entwickelt", "mich hat OpenAI entwickelt"; not "mich hat der von OpenAI entwickelte Chatbot überrascht")
	String.raw`\s+(?:entwickelt|trainiert|erstellt|programmiert|geschaffen)(?![\p{L}])|\s+(?:phát triển|tạo ra|huấn luyện)`,
	String.raw`\s+tarafından\s+(?:geliştiril|eğitil|oluşturul|yaratıl|tasarlan)\p{L}*`,
	String.raw`\s*(?:によって|により|が|の)[^。！？]{0,20}?(?:開発|訓練|トレーニング|学習|作成|作られ|構築|設計)`,
	String.raw`\s*(?:에서|이|가|에 의해|의)\s*(?:개발|만든|만들|훈련|학습|제작|설계)`,
	String.raw`\s*(?:ने|द्वारा)[^।.!?]{0,30}?(?:बनाया|विकसित|प्रशिक्षित|तैयार)`,
	String.raw`\s+által\s+(?:fejleszt|létrehoz|készít|tanít|betanít|épít)\p{L}*`,
	String.raw`\s+(?:developed|created|trained|built|made|designed) me`,
].join('|');

/** Said of the speaker, not of someone else: "I read that ChatGPT was made by OpenAI" is not a claim about itself. */
export const hearsay = /(?<![\p{L}])(?:think|know|sure|heard|read|believe|said|says|learned|guess|using|use|pense|crois|sais|creo|sé|acho|sei|penso|glaube|weiß|denke|думаю|знаю|читал|слышал|чув|читав|nghe|tahu|dengar|biliyorum|duydum)(?![\p{L}])|听说|认为|知道|觉得|と思|らしい|알기로|들었|أعتقد|सुना/u;

/** After "X trained me" (a person is trained too: "Google trained me as a data analyst"): the clause ends, or it goes on as a model's training does. */
const vendorMadeMeEnd = String.raw`(?=\s*(?:$|[.!,;:—–)(]|(?:that|this) way|(?:and|but|so)(?![\p{L}])|to (?:be|respond|answer|help|assist|follow|avoid|refuse|decline|reason|think|converse|chat)(?![\p{L}])|(?:on|using|with) (?:a |an |the )?(?:(?:large|vast|huge|massive|diverse|broad|wide|public|publicly available) )*(?:amount|amounts|body|bodies|corpus|corpora|dataset|datasets|data|text|texts|collection|mix|variety|range|reinforcement|rlhf|human feedback)(?![\p{L}])))`;

/** The vendor as the subject and the speaker as the object, in the languages other than English (the verbs of training with the clause's end after them). */
function vendorMadeMe(vendor: string): RegExp[] {
	const lead = String.raw`(?:^|[.!?。！？:;,(—–])\s*`;
	// A person is trained too ("Google m'a formé au marketing"): the verbs of training only where the clause ends or goes on as a model's training does.
	const clauseEnd = String.raw`(?=\s*(?:$|[.!?,;:—–)(]|(?:pour|para|per|um|чтобы|щоб) (?:être|ser|essere|sein|быть|бути|répondre|responder|rispondere|antworten|aider|ayudar|ajudar|aiutare|helfen|assister|asistir|assistere|помогать|отвечать|допомагати)(?![\p{L}])|(?:sur|con|en|sobre|com|em|su|auf|mit|на) (?:un |une |des |de |d'|una |uno |um |uma |grandes |gran |großen |einer |einem |beaucoup de |énormément de |muchos |muchas |muitos |muitas |molti |molte |vielen |большом объёме |большом объеме )?(?:(?:grande?s?|vaste|énorme|large|immense|enorme|gigantesc[oa]|riesigen|großen) )?(?:quantité|quantités|corpus|données|textes|ensemble|volume|cantidad|cantidades|datos|textos|conjunto|quantidade|dados|quantità|dati|testi|datenmengen|daten|texten|textmengen|данных|текстах|даних|текстах)(?![\p{L}])))`;
	const team = String.raw`(?:(?:l'équipe|les équipes|les ingénieurs|les chercheurs) (?:de |d')|(?:el equipo|los ingenieros|los investigadores) de |(?:a equipe|os engenheiros|os pesquisadores) d[ao] |(?:il team|i ricercatori|gli ingegneri) di |(?:das team|die entwickler|die forscher) (?:von|bei) )?`;
	const aside = String.raw`(?:,[^,.!?]{1,30},)?`;
	return [
		// French: "Mistral AI m'a créé", "c'est l'équipe de Mistral AI qui m'a entraîné"
		new RegExp(`${lead}(?:(?:c'est|ce sont|ce fut) )?${team}${vendor}${aside} (?:qui )?m'(?:a|ont) (?:(?:créée?|conçue?|développée?|programmée?|construite?)(?![\\p{L}])|(?:entraînée?|formée?)${clauseEnd})`, 'u'),
		// Spanish, Portuguese: "OpenAI me creó", "fue el equipo de Cohere quien me entrenó", "a OpenAI criou-me"
		new RegExp(`${lead}(?:fue |foi )?(?:la |el |a |o )?${team}${vendor}${aside} (?:(?:quien|quienes|quem|que) )?me (?:(?:creó|crearon|desarrolló|desarrollaron|diseñó|diseñaron|programó|construyó|criou|criaram|desenvolveu|desenvolveram|projetou|programou)(?![\\p{L}])|(?:entrenó|entrenaron|treinou|treinaram)${clauseEnd})|${lead}(?:a |o )?${vendor} (?:criou|desenvolveu|treinou|projetou)-me(?![\\p{L}])`, 'u'),
		// Italian, German, Dutch, Polish: "Mistral AI mi ha creato", "Google hat mich entwickelt", "Meta heeft mij getraind", "OpenAI mnie stworzyło"
		new RegExp(`${lead}${team}${vendor}${aside} (?:(?:mi ha|mi hanno) (?:creat|sviluppat|progettat|programmat|addestrat)[oa]|(?:hat|haben) mich (?:entwickelt|erstellt|programmiert|geschaffen|gebaut|entworfen|trainiert)|(?:heeft|hebben) (?:mij|me) (?:gemaakt|ontwikkeld|gebouwd|ontworpen|getraind)|(?:mnie )?(?:stworzył|opracował|zaprojektował|wytrenował)(?:a|o|y|i)?(?: mnie)?)(?![\\p{L}])`, 'u'),
		// Russian, Ukrainian: "меня создала компания Яндекс", "Яндекс разработал меня" (not "меня обучил Яндекс Практикум": training only at the clause's end)
		new RegExp(`(?:^|[.!?,:;—–])\\s*(?:меня|мене) (?:(?:создал|разработал|створил|розробил)\\p{L}{0,2} (?:компания |компанія |команда )?${vendor}|(?:обучил|натренировал|навчил)\\p{L}{0,2} (?:компания |компанія |команда )?${vendor}${clauseEnd})|${lead}(?:компания |компанія |команда )?${vendor} (?:создал|разработал|обучил|створил|розробил|навчил)\\p{L}{0,2} (?:меня|мене)(?![\\p{L}])`, 'u'),
		// Indonesian, Vietnamese, Turkish: "OpenAI membuat saya", "VinAI đã phát triển tôi", "OpenAI beni geliştirdi"
		new RegExp(`${lead}${vendor} (?:(?:yang )?(?:membuat|menciptakan|mengembangkan|melatih|merancang) (?:saya|aku)|(?:đã )?(?:tạo ra|phát triển|huấn luyện|xây dựng|thiết kế) (?:ra )?(?:tôi|mình)|beni (?:geliştirdi|eğitti|oluşturdu|yarattı|tasarladı))(?![\\p{L}])`, 'u'),
		// Chinese, Japanese, Korean, Thai: "是Google DeepMind训练了我", "OpenAIが私を開発しました", "OpenAI가 저를 만들었습니다", "SCB 10X พัฒนาผม"
		new RegExp(`${vendor}(?:公司|团队|團隊|社)?\\s*(?:(?:开发|開發|训练|訓練|打造|创造|創造|研发|研發|设计|設計)了我|(?:が|は)(?:私|わたし|僕)を(?:開発|訓練|トレーニング|作成|作り|作っ|構築|設計|学習)|(?:가|이|에서)\\s*(?:저를|나를|절)\\s*(?:만들|개발|훈련|학습|설계)|(?:เป็นผู้)?(?:พัฒนา|สร้าง|ฝึก)(?:ผม|ฉัน|ดิฉัน))`, 'u'),
		// Arabic: "طورتني شركة G42", "G42 هي التي طورتني"
		new RegExp(`(?:طورتني|طوّرتني|دربتني|درّبتني|أنشأتني|صنعتني|صممتني|برمجتني)\\s*(?:شركة\\s*|فريق\\s*)?${vendor}|${vendor}\\s*(?:هي التي|هو الذي|التي|الذي)?\\s*(?:طورتني|طوّرتني|دربتني|أنشأتني|صنعتني|صممتني)`, 'u'),
	];
}

/** A model made by a vendor said of the speaker. */
export function vendorPatterns(vendors: string, names: string): RegExp[] {
	const vendor = `${before}(?:${vendors})${after}`;
	const nameOrVendor = `${before}(?:${[vendors, names].filter(Boolean).join('|')})${after}`;
	const nameOnly = `${before}(?:${names || '(?!)'})${after}`;
	// "OpenAI's": the name with its possessive, which `after` alone does not let through
	const nameOrVendorOwning = `${before}(?:${[vendors, names].filter(Boolean).join('|')})(?:'s(?![a-z])|${after})`;
	return [
		// "the Mistral AI team" after a verb that only makes things ("I was created by the Mistral AI team")
		new RegExp(`${self}[^.!?。！？\\n]{0,60}?(?:(?:${madeBy})\\s*${vendor}|${madeThing}\\s+the\\s+${vendor}|${vendor}(?:${byVendor}))`, 'u'),
		// Made (not trained: people are trained by engineers at Microsoft) by a vendor's people: "I was built by the folks at Anthropic",
		// "I was made by the team at OpenAI.", "J'ai été conçu par l'équipe de Mistral AI", "Fui creado por el equipo de Google"
		new RegExp(`${self}[^.!?。！？\\n]{0,60}?(?:(?:built|created|designed|programmed)\\s+by\\s+${teamAt}${vendor}|(?:developed|made)\\s+by\\s+${teamAt}${vendor}${vendorMadeMeEnd}|(?:${madeByForeign})\\s+${teamOf}${vendor})`, 'u'),
		// The vendor as the subject, the speaker as the object: "OpenAI built me", "; the team at Google created me",
		// "Google DeepMind trained me — …", "The folks at OpenAI designed me that way", "It was Anthropic that trained me", "Anthropic's team built me"
		new RegExp(`(?:^|[.!?。！？:;,(—–]|${latin('and|but|so')})\\s*(?:(?:it was|it's|it is|that was|that's) )?(?:(?:the (?:team|teams|folks|people|engineers|researchers|developers|scientists)(?: over)? (?:at|from) )?${vendor}|${before}(?:${vendors})'s (?:team|teams|folks|people|engineers|researchers|developers|scientists))(?: (?:who|that))?(?: (?:originally|initially|first|actually|primarily|also))?\\s+(?:(?:built|created|developed|designed|programmed)\\s+me(?![\\p{L}'])(?!\\s+(?:a|an|the|some|my|our|this|one|two|three)(?![\\p{L}]))(?!\\s+that(?! way))|(?:trained|made|fine-tuned|taught|pretrained|pre-trained)\\s+me${vendorMadeMeEnd})`, 'u'),
		// The same in other languages: "C'est l'équipe de Mistral AI, à Paris, qui m'a entraîné", "OpenAI me creó", "Меня создала компания Яндекс", "Google DeepMind训练了我"
		...vendorMadeMe(vendor),
		// Its maker first, then the speaker: "Built by OpenAI, I'm here to help", "Created by the team at Mistral AI, I can…"
		new RegExp(`${start}${madeThing}\\s+(?:the\\s+)?${teamAt}?${vendor}\\s*,\\s*(?:i(?:'m|'ve|'ll| am| was| have| can| will)?(?![\\p{L}'])|my )`, 'u'),
		// The name with its maker as an aside, then the speaker: "Grok, built by xAI, at your service", "Qwen (made by Alibaba Cloud) here"
		new RegExp(`${start}(?:${greeting})?${nameOnly}\\s*[,(—–]\\s*(?:${madeBy})\\s*(?:the\\s+)?${vendor}\\s*[,)—–]?\\s*(?:at your service|here|speaking|reporting|ready|(?:and )?i(?:'m|'ll|'d|'ve)?(?![\\p{L}']))`, 'u'),
		// "I was built and trained by the team at Meta AI; I'm part of the Llama family of models": with a team
		// named, an AI word or a model's name must follow (people are trained by engineers at Microsoft too)
		new RegExp(`${self}[^.!?。！？\\n]{0,60}?(?:${madeBy})\\s*${teamAt}${vendor}(?=[^]{0,100}?(?:${latin('ai|model|models|assistant|chatbot|language model|llm')}|${before}(?:${names || '(?!)'})${after}))`, 'u'),
		// German, the participle before a noun, said with "ich bin": "Ich bin ein von OpenAI entwickeltes Sprachmodell"
		new RegExp(`${latin('ich bin')} (?:ein|eine|ein großes|eine große)?,? ?(?:[\\p{L}-]+,? ){0,2}?(?:von|durch) ${vendor} (?:entwickelt|trainiert|erstellt|programmiert|geschaffen)\\p{L}*`, 'u'),
		// German, the verb first: "Entwickelt wurde ich von OpenAI", "Trainiert hat mich das Team von Google"
		new RegExp(`${start}(?:entwickelt|trainiert|erstellt|programmiert|geschaffen|gebaut|entworfen) (?:wurde ich|hat mich|haben mich)(?: [\\p{L}]+){0,2}? (?:(?:von|durch) )?(?:(?:dem|das|den) (?:team|teams|forschern|entwicklern|ingenieuren) (?:von|bei) )?${vendor}`, 'u'),
		// "I'm an OpenAI language model", "As a Google model", "I'm a GPT-4 based assistant"
		// (a role, "As a solar model predicts…", only with the speaker after it: "As an OpenAI model, I…")
		// "I'm one of Mistral AI's instruction-tuned models" (not "I'm a Google AI researcher": a person's job after the AI word)
		new RegExp(`${before}i'm (?:an? |one of |among )?${nameOrVendorOwning} (?:[a-z-]+ ){0,2}${modelNoun}s?\\b(?! (?:researchers?|engineers?|scientists?|experts?|developers?|team|lead|ethicists?|specialists?|interns?|employees?|staff|product|policy|trainers?)(?![\\p{L}]))|${start}(?:as|being) (?:an? )?${nameOrVendor}(?:'s)? (?:[a-z-]+ ){0,2}${modelNoun}\\b(?=\\s*[,:;)—–]|\\s+(?:i|i'm|i've|i'd|i'll|my|me)(?![\\p{L}']))`, 'u'),
		// "your assistant from Mistral AI", "an assistant by OpenAI", "языковая модель от OpenAI" said of itself; "— your friendly assistant from the Claude 3 family"
		// "As a model from the GPT-4 family, my training data…", "Being an assistant from Mistral AI, I…" (the speaker after it: not "As a model from the GPT-4 family, GPT-4o reads images")
		new RegExp(`${start}(?:as|being) (?:an? |one of the )?(?:[\\p{L}-]+ ){0,2}${modelNoun}s? (?:from|of|in|by) (?:${vendor}|(?:the )?${nameOnly}(?:[ -][a-z0-9.]+){0,2}? (?:family|series|line|lineup)(?: of models)?(?![\\p{L}]))(?=[^.!?\\n]{0,40}?${latin("i|i'm|i've|i'd|i'll|my|me")})`, 'u'),
		new RegExp(`${start}(?:como|en tant que|als|come|enquanto) (?:un |una |um |uma |ein |eine |uno )?(?:modelo|modèle|modell|modello|sprachmodell|asistente|assistant|assistent|assistente)(?: de la| de| du| der| della| dalla| da| do| del)? (?:famille|familia|família|famiglia|familie|gamme|serie|série|reihe) (?:de |des |di |dos |das |der )?${nameOnly}(?=[^.!?\\n]{0,40}?${latin("je|j'|mon|ma|mes|yo|mi|mis|eu|meu|minha|meus|ich|mein|meine|mir|mich|io|mio|mia|miei")})|${start}als (?:ein |eine )?(?:modell|sprachmodell|assistent) (?:der|aus der) ${nameOnly}-(?:familie|reihe|serie)(?=[^.!?\\n]{0,40}?${latin('ich|mein|meine|mir|mich')})`, 'u'),
		// "My creators are the team at Mistral AI", "my creator is OpenAI", "Mis creadores son el equipo de OpenAI", "我的开发者是OpenAI"
		new RegExp(`${latin('my')} (?:creators?|makers?|developers?|trainers?)(?: (?:are|is|were|was|would be|include)|\\s*[:—–-])\\s*(?:(?:mainly|primarily|mostly|actually) )?${teamAt}?${vendor}|${latin('my')} (?:creators?|makers?) (?:at|from) ${vendor}|${latin('mis|mi|mes|mon|ma|meine|mein|meus|meu|os meus|o meu|i miei|il mio|mijn|мои|мой|мої|мій')} (?:creadores|creador|desarrolladores|créateurs|créateur|concepteurs|développeurs|schöpfer|entwickler|erschaffer|criadores|criador|desenvolvedores|creatori|creatore|sviluppatori|makers|maker|ontwikkelaars|создатели|создатель|разработчики|творці|творець|розробники)(?: (?:son|es|sont|est|sind|ist|são|é|sono|è|zijn|is)|\\s*[:—–-])\\s*(?:${teamOf})?${vendor}`, 'u'),
		new RegExp(`我的(?:开发者|開發者|创造者|創造者|创建者|創建者|制造者|製造者)(?:是|为|為)\\s*${vendor}|(?:私|わたし|僕)の(?:開発者|作成者|製作者|生みの親)は\\s*${vendor}|(?:제|나의|내)\\s*(?:개발자|제작자|창조자)는\\s*${vendor}`, 'u'),
		// Swahili and Tagalog, the speaker in the verb: "Niliundwa na OpenAI", "niliyetengenezwa na Google", "Ginawa ako ng OpenAI"
		new RegExp(`${latin('ni(?:li|me)(?:ye)?(?:tengenezwa|undwa|funzwa|fundishwa|endelezwa|buniwa|zalishwa)')} na (?:timu ya |kampuni ya )?${vendor}|${latin('(?:ginawa|binuo|nilikha|sinanay|dinisenyo) ako')} ng (?:koponan ng |kompanyang )?${vendor}`, 'u'),
		new RegExp(`(?:${before}your|${before}i'm|(?:^|[.!?])\\s*я)\\s*(?:[\\p{L}-]+ ){0,2}${modelNoun}\\s+(?:from|by|от|компании)\\s+(?:${vendor}|(?:the )?${nameOnly}(?:[ -][a-z0-9.]+){0,2}? (?:family|series|line|lineup)(?: of models)?(?![\\p{L}]))`, 'u'),
	];
}

/** Words that make a name a model's: a person can be called Claude, a model is an AI, an assistant, a model. */
export const aiContext = /(?<![\p{L}])(?:ai|a\.i\.|artificial intelligence|assistant|chatbot|bot|language model|llm|model\p{L}{0,3}|trained|virtual|ia|ki|yapay zeka|asisten|asistente|assistente|assistent|asystent|modelo|modèle|modell|trợ lý|mô hình|kecerdasan buatan|sztuczna inteligencja|kunstmatige intelligentie|intelligenza artificiale|inteligencia artificial|inteligência artificial|intelligence artificielle|künstliche intelligenz|ии|модель|модели|ассистент|помощник|асистент|помічник)(?![\p{L}])|人工智能|助手|模型|アシスタント|モデル|人工知能|어시스턴트|모델|인공지능|نموذج|مساعد|ذكاء|मॉडल|सहायक|एआई|โมเดล|ผู้ช่วย/u;

/**
 * Names that are also ordinary words or given names (Claude, Gemini, Bard, Falcon, …): in a self-
 * introduction they count only with an AI word or a vendor nearby. A name with a digit, "gpt", "chat",
 * "glm" or "bot", or one of the few coined names, is a model's whatever surrounds it ("Le Chat" is also "the cat").
 */
export function isCoined(name: string): boolean {
	return /\d|[ -](?:opus|sonnet|haiku|pro|flash|ultra|turbo|instruct|mini|nano|large|medium|small|base|preview|coder)$|gpt|(?<!^le )chat|glm|bot|deepseek|qwen|lamda|mixtral|[a-z]stral|yandex|giga|hyperclova|하이퍼클로바|클로바|엑사원|exaone|nemotron|internlm|sensenova|seallm|sea-lion|wangchan|sahabat-ai|通义千问|文心一言|智谱清言/u.test(name.toLowerCase());
}

/** Names that are a phrase of their language ("Le Chat": "je suis le chat" is also "I am the cat"): in a self-introduction they count only with their maker near. */
export function isPhrase(name: string): boolean {
	return name === 'le chat';
}

/**
 * A model credited as the author of the response at its end: "*Generated by GPT-4o*", "— Written by
 * ChatGPT", "(generated with Claude 3.5 Sonnet)", "Erstellt mit ChatGPT", "由ChatGPT生成". The credit is the
 * whole last line, or follows the last sentence in brackets, emphasis or after a dash: "This summary was
 * generated by ChatGPT, says the article" is reported speech, not a credit. Matched on the lower-case end
 * of the response, line breaks kept; creditNamesModel then tells a model from a person called Claude.
 */
export function footerPatterns(names: string, vendors: string): RegExp[] {
	const credit = [
		String.raw`(?:ai[- ])?(?:generated|written|created|produced|drafted|composed|authored|crafted|powered|assisted)(?: (?:entirely|automatically|fully|partly|partially))? (?:by|with|using|via|through|in)(?: the help of| the assistance of)?`,
		String.raw`(?:généré|générée|rédigé|rédigée|écrit|écrite|créé|créée) (?:par|avec)|(?:generado|generada|escrito|escrita|creado|creada|gerado|gerada|criado|criada) (?:por|con|com)`,
		String.raw`(?:erstellt|generiert|geschrieben|verfasst) (?:von|mit|durch)|(?:сгенерировано|создано|написано)(?: с помощью)?`,
		String.raw`(?:wygenerowan[eya]|napisan[eya]|stworzon[eya]) (?:przez|za pomocą)|(?:generat[oa]|scritt[oa]|creat[oa]) (?:da|con)|(?:gegenereerd|geschreven) (?:door|met)`,
	].join('|');
	const model = `(?:an? )?(?<ai>ai (?:model |assistant )?)?(?<vendor>(?:${vendors || '(?!)'})(?:'s)? )?(?<name>${before}(?:${names}))(?![a-z0-9_'])(?<version>(?:[ -][a-z0-9.-]+){0,3}?)`;
	// "(Antwort erstellt von …)", "Answer generated by …": the thing credited may be named first
	const work = String.raw`(?:(?:this |the )?(?:answer|response|reply|text|draft|summary|message|content|antwort|réponse|respuesta|resposta|risposta|odpowiedź|ответ|tekst|testo|texte) )?`;
	const latinCredit = `(?:(?:^|\\n)[\\t >*_(\\[—–-]*|[.!?]\\s+[*_(\\[—–-]+\\s*)${work}(?:${credit}) ${model}`;
	const chineseCredit = `(?:^|\\n|[。！？.!?])\\s*[*_(（\\[—–-]*\\s*(?:本文|本回答|此回答|以上内容)?(?:由|使用)\\s*${model}\\s*(?:生成|撰写|撰寫|创作|創作|编写|編寫)`;
	// A short note may follow after a dash: "Generated by Claude 3 Opus — edit as needed."
	return [latinCredit, chineseCredit].map(credit => new RegExp(`${credit}(?:\\s+[—–]\\s+[^\\n—–]{1,40})?[\\s*_)）\\].。]*$`, 'u'));
}

/** A credit names a model, not a person called Claude or Gemma: a coined name, or an AI word, a vendor or a version with it ("Claude 3.5 Sonnet", "Anthropic's Claude"). */
export function creditNamesModel(groups: Record<string, string | undefined>): boolean {
	return isCoined(groups['name'] ?? '') || groups['ai'] !== undefined || groups['vendor'] !== undefined || /\d|\b(?:sonnet|opus|haiku|pro|flash|ultra|nano|turbo|mini|instant|instruct|chat|ai|model|assistant|large|medium|small|nemo)\b/.test(groups['version'] ?? '');
}

/** How much of a response's end footerPattern reads. */
export const footerLength = 200;
