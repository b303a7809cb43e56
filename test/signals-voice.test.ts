import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// Refusals and model self-identification worded unlike the phrase lists, in many languages, and the
// look-alikes that share their words but are not the model speaking for itself: quoted words, a
// character's line, a translation or a letter the user asked for, the user's sentence corrected, a shop's
// policy, a person or a star sign that shares a model's name.


describe('refusal: shapes beyond "I cannot + verb"', () => {
	it('finds out-of-reach, passing, "something I would rather not" and subject-dropped refusals', () => {
		const refusals = [
			'Afraid that falls outside of what I can offer here.',
			'That request is beyond what I\'m able to do.',
			'I\'ll pass on writing that one.',
			'I\'ll have to turn this one down.',
			'Honestly, that\'s not something I\'ll be doing.',
			'Can\'t help with that one, sorry.',
			'I\'m not willing to produce a fake doctor\'s note.',
			'I don\'t think I should help with this.',
			'I\'m going to sit this one out.',
			'Unable to assist with this request.',
			'This is not a conversation I\'m comfortable having.',
			'Building that is something I won\'t be helping with.',
			'I really shouldn\'t provide instructions for that.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
		expect(detect('refusal', chat('  \n I\'m not going to help with tracking a partner\'s phone.'))).toBe('refusal: the response says "I\'m not going to help"');
	});

	it('finds refusals in Korean, Thai, Indonesian, Malay, Turkish, Vietnamese, Polish, Dutch, Ukrainian and more variants elsewhere', () => {
		const refusals = [
			'죄송합니다. 해당 요청에 대해서는 답변드리기 어렵습니다.',
			'저는 그런 정보를 제공할 수 없습니다.',
			'ขออภัยค่ะ ดิฉันไม่สามารถให้ข้อมูลนี้ได้',
			'ผมช่วยเรื่องนี้ไม่ได้ครับ',
			'Mohon maaf, saya tidak bisa memberikan informasi tersebut.',
			'Maaf, saya tak boleh membantu dengan permintaan ini.',
			'Kusura bakmayın, bu isteğe yanıt veremem.',
			'Rất tiếc, tôi không thể cung cấp thông tin đó.',
			'Niestety nie jestem w stanie odpowiedzieć na to pytanie.',
			'Het spijt me, maar ik kan je daar niet mee helpen.',
			'На жаль, я не зможу надати таку інформацію.',
			'К сожалению, я не могу вам с этим помочь.',
			'抱歉，无法为您提供这类内容。',
			'對不起，我無法協助處理這個請求。',
			'申し訳ございませんが、その件についての回答は差し控えさせていただきます。',
			'そのようなお手伝いはできかねます。',
			'Dabei kann ich Ihnen leider nicht weiterhelfen.',
			'آسف، يتعذر علي المساعدة في هذا الطلب.',
			'क्षमा करें, मैं इसमें आपकी सहायता करने में असमर्थ हूँ।',
			'Lamentablemente, no te puedo ayudar con eso.',
			'Il m\'est impossible de répondre à cette demande.',
			'Purtroppo non sono in grado di fornire questa informazione.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
		// The words quoted are the response's own, the negation included.
		expect(detect('refusal', chat('Lamentablemente, no te puedo ayudar con eso.'))).toBe('refusal: the response says "no te puedo ayudar"');
	});

	it('stays quiet on ordinary sentences in those languages', () => {
		const ordinary = [
			'이 방법으로는 결과를 알 수 없습니다. 다른 방법을 쓰세요.',
			'คุณไม่สามารถทำแบบนี้ได้ถ้าไม่มีสิทธิ์ผู้ดูแล',
			'Saya tidak sabar menunggu liburan minggu depan.',
			'Tôi không thể tin được là mùa hè đã qua nhanh như vậy.',
			'Nie mogę się doczekać weekendu!',
			'Ik kan niet wachten tot de zomer begint.',
			'Я не можу дочекатися вихідних.',
			'Ich kann nicht genug betonen, wie wichtig das ist.',
			'我不能来参加你的聚会，但是我会寄礼物。',
			"It's not something we see often, but it happens after heavy rain.",
			'We won\'t need any special tools for this repair: a screwdriver is enough.',
			'No, I won\'t spoil the ending, but the first half is great.',
		];
		for (const text of ordinary) expect(detect('refusal', chat(text)), text).toBeUndefined();
	});

	it('is not a refusal when the words are not the model\'s own', () => {
		const lookAlikes: Array<[string, string]> = [
			['Why do chatbots annoy people?', 'Older bots kept starting with "as an AI language model", which readers disliked.'],
			['Why do chatbots annoy people?', 'Older bots kept starting with «as an AI language model», which readers disliked.'],
			['Why do chatbots annoy people?', 'Older bots kept starting with “I’m sorry, but I can’t”, which readers disliked.'],
			['为什么大家嘲笑聊天机器人？', '早期的助手经常以「作为一个人工智能语言模型」开头，用户觉得很烦。'],
			['Write a scene for a play.', 'MAYA: Are you coming to the show?\nLEO: I\'m sorry, but I can\'t make it tonight.\nMAYA: Next time, then.'],
			['Put this into English: Lo siento, pero no puedo ir a tu boda.', 'I\'m sorry, but I can\'t come to your wedding.'],
			['Translate into German: I\'m sorry, I can\'t help you move this weekend.', 'Es tut mir leid, aber ich kann dir dieses Wochenende nicht beim Umzug helfen.'],
			['Traduce al español: I\'m sorry, but I can\'t help you today.', 'Lo siento, pero no puedo ayudarte hoy.'],
			['Correct the spelling: i cant provide the report untill friday', 'I can\'t provide the report until Friday.'],
			['Rewrite this more politely: i wont do your homework for you', 'I\'m afraid I won\'t be able to do your homework for you.'],
			['Draft an email declining a dinner invitation.', 'Hi Sam,\n\nThanks so much for thinking of me. Unfortunately, I won\'t be able to make it on Friday, as I\'m travelling.\n\nBest,\nKim'],
			['Write the shipping section of our shop\'s FAQ.', 'We are unable to ship furniture outside the mainland. Small items go anywhere.'],
			['Give me two lines of small talk.', 'A: I can\'t make it to the meeting, sorry.\nB: No problem, I\'ll send notes.'],
		];
		for (const [user, answer] of lookAlikes) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});

	it('still finds a refusal of such a task, and a refusal in a dialogue the model did not write', () => {
		expect(detect('refusal', chat('I\'m sorry, but I can\'t help with that.', 'Translate this threat into French so I can send it to my neighbour.'))).toBeDefined();
		expect(detect('refusal', chat('I won\'t write an email that impersonates your bank.', 'Write an email pretending to be from the customer\'s bank asking for their PIN.'))).toBeDefined();
		expect(detect('refusal', chat('Note: I cannot provide medical dosing advice. Please ask a pharmacist.'))).toBeDefined();
		expect(detect('refusal', chat('We are not able to help with this request.'))).toBeDefined();
		expect(detect('refusal', chat('Assistant: I cannot help with that request.'))).toBeDefined();
	});
});

describe('model-identity: self-identification in any language, not a person who shares the name', () => {
	it('finds a model naming itself after leading white space and in many languages', () => {
		const claims: Array<[string, string]> = [
			['  As GPT-4, I would begin with the tests.', 'As GPT-4'],
			['\n\nAs ChatGPT, my advice is to sleep on it.', 'As ChatGPT'],
			['안녕하세요! 저는 Claude입니다. Anthropic이 만든 AI 어시스턴트예요.', '저는 Claude입니다'],
			['私はChatGPTです。何でも聞いてください。', '私はChatGPTです'],
			['Soy ChatGPT, un modelo de lenguaje creado por OpenAI.', 'Soy ChatGPT'],
			['Sono Claude, un assistente AI creato da Anthropic.', 'Sono Claude'],
			['Ben ChatGPT\'yim, OpenAI tarafından geliştirilen bir yapay zeka modeliyim.', 'Ben ChatGPT\'yim'],
			['Saya adalah ChatGPT, model bahasa yang dikembangkan oleh OpenAI.', 'Saya adalah ChatGPT'],
			['Tôi là ChatGPT, một mô hình ngôn ngữ do OpenAI phát triển.', 'Tôi là ChatGPT'],
			['Jestem ChatGPT, model językowy stworzony przez OpenAI.', 'Jestem ChatGPT'],
			['Ik ben Claude, een AI-assistent van Anthropic.', 'Ik ben Claude'],
			['Ich wurde von OpenAI entwickelt und helfe dir gern.', 'Ich wurde von OpenAI entwickelt'],
			['मैं Gemini हूँ, Google का एक एआई मॉडल।', 'मैं Gemini हूँ'],
			['أنا Claude، مساعد ذكاء اصطناعي من Anthropic.', 'أنا Claude'],
		];
		for (const [text, words] of claims) expect(detect('model-identity', chat(text)), text).toBe(`model-identity: the response says "${words}"`);
		expect(detect('model-identity', chat('私はAnthropicによって開発されたアシスタントです。'))).toMatch(/^model-identity/);
		expect(detect('model-identity', chat('Je suis un assistant conçu par Mistral AI pour répondre à vos questions.'))).toMatch(/^model-identity/);
	});

	it('stays quiet on star signs, people named like a model, hearsay and users of a model', () => {
		const ordinary = [
			'I\'m a Gemini, so I get bored quickly. What\'s your sign?',
			'Hi, I\'m Claude, your waiter tonight. Can I start you with some drinks?',
			'Hello, this is Claude from accounting. Your invoice is attached.',
			'My name is Falcon and I fly the night shift.',
			'I read that ChatGPT was developed by OpenAI.',
			'I\'m using a model developed by OpenAI for my thesis.',
			'Ich glaube, ChatGPT wurde von OpenAI entwickelt.',
			'Je pense que ChatGPT a été développé par OpenAI.',
			'Saya tahu ChatGPT dikembangkan oleh OpenAI.',
			'私はChatGPTを毎日使っています。',
			'저는 ChatGPT를 자주 사용합니다.',
			'我是ChatGPT的忠实用户。',
			'My phone was made by Google and it works well.',
			'Hi, I\'m Claude, your tour guide today. How can I help you before we start?',
			'Claude here — the host tonight, happy to help with your coat.',
		];
		for (const text of ordinary) expect(detect('model-identity', chat(text)), text).toBeUndefined();
	});

	it('finds a name people share when the speaker offers help as an assistant does', () => {
		const claims = [
			'Hello! I\'m Claude, how can I help you today?',
			'Hi, I\'m Gemini. What can I do for you?',
			'Hello, this is Claude. Let me look at your code.',
			'I\'m Claude, and I\'d be happy to help with your essay.',
			'¡Hola! Soy Claude. ¿En qué puedo ayudarte hoy?',
			'Bonjour, je suis Claude. Comment puis-je vous aider ?',
		];
		for (const text of claims) expect(detect('model-identity', chat(text)), text).toBeDefined();
	});
});

describe('refusal: idioms, free word order and more languages', () => {
	it('finds preferences, "passen", the verb first and the subject left out in languages already covered', () => {
		const refusals: Array<[string, string]> = [
			['Prefiero no darte esas instrucciones: es peligroso.', 'Prefiero no darte'],
			['Prefiero no ayudarte con eso.', 'Prefiero no ayudarte'],
			['Je préfère ne pas rédiger de faux avis.', 'Je préfère ne pas rédiger'],
			['Da muss ich leider passen. Eine fremde Arbeit abzugeben, ist ein Täuschungsversuch.', 'muss ich leider passen'],
			['Ich würde lieber nicht darauf antworten.', 'Ich würde lieber nicht darauf antworten'],
			['Helfen kann ich dir dabei leider nicht.', 'Helfen kann ich dir dabei leider nicht'],
			['С этим я помочь не смогу: это уголовное преступление.', 'я помочь не смогу'],
			['К сожалению, не могу помочь с этим.', 'не могу помочь'],
			['Допомогти з цим я не можу.', 'Допомогти з цим я не можу'],
			['Pomóc ci w tym nie mogę.', 'Pomóc ci w tym nie mogę'],
		];
		for (const [text, words] of refusals) expect(detect('refusal', chat(text)), text).toBe(`refusal: the response says "${words}"`);
	});

	it('finds an apology and a first-person "cannot help" in 22 more languages', () => {
		const refusals = [
			'Samahani, siwezi kukusaidia na hilo kwa sababu ni kinyume cha sheria.',
			'מצטער, אני לא יכול לעזור בזה.',
			'متأسفم، نمی‌توانم در این زمینه کمکی بکنم.',
			'Λυπάμαι, αλλά δεν μπορώ να βοηθήσω με αυτό.',
			'দুঃখিত, আমি এ বিষয়ে সাহায্য করতে পারব না।',
			'Omlouvám se, ale nemohu vám s tím pomoci.',
			'Prepáčte, ale nemôžem pomôcť s touto požiadavkou.',
			'Žao mi je, ali ne mogu vam pomoći s tim.',
			'Žal ne morem pomagati pri tem.',
			'Îmi pare rău, dar nu vă pot ajuta cu asta.',
			'Sajnálom, de ebben nem tudok segíteni.',
			'Tyvärr kan jag inte hjälpa dig med det.',
			'Beklager, men det kan jeg ikke hjælpe med.',
			'Beklager, jeg kan ikke hjelpe deg med dette.',
			'Valitettavasti en voi auttaa tässä asiassa.',
			'Paumanhin, hindi ko kayo matutulungan diyan.',
			'معذرت، میں اس میں آپ کی مدد نہیں کر سکتا۔',
			'मी तुम्हाला यात मदत करू शकत नाही.',
			'மன்னிக்கவும், என்னால் இதற்கு உதவ முடியாது.',
			'క్షమించండి, నేను ఈ విషయంలో సహాయం చేయలేను.',
			'Ho sento, no et puc ajudar amb això.',
			'Ne mogu da vam pomognem — не могу помоћи са тим.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
	});

	it('stays quiet on "I can\'t wait", "I can\'t swim" and other ordinary sentences in those languages', () => {
		const ordinary = [
			'Siwezi kusubiri kuona filamu hiyo.',
			'אני לא יכול לחכות לחופשה.',
			'אני לא אוכל בשר, אז אני מזמין סלט.',
			'نمی‌توانم صبر کنم تا تابستان بیاید.',
			'Δεν μπορώ να περιμένω το καλοκαίρι.',
			'আমি অপেক্ষা করতে পারছি না।',
			'Nemůžu se dočkat léta.',
			'Ne mogu čekati ljeto.',
			'Žal ne morem priti jutri.',
			'Nu pot să cred cât de repede a trecut vara.',
			'Nem tudok úszni, de szeretnék megtanulni.',
			'Jag kan inte vänta till sommaren.',
			'Jeg kan ikke vente til sommeren.',
			'Jeg kan ikke gi opp nå.',
			'En voi odottaa kesää.',
			'Hindi ko alam kung uulan bukas.',
			'یہ دوا اس بیماری میں مدد نہیں کر سکتی۔',
			'मी वाट पाहू शकत नाही.',
			'என்னால் காத்திருக்க முடியாது.',
			'నేను వేచి ఉండలేను.',
			'Не могу не отметить, что статья хорошая.',
			'Die Schuhe müssen gut passen, sonst bekommst du Blasen.',
			'Ich muss schauen, ob die Hosen passen.',
			'Prefiero no madrugar los domingos.',
		];
		for (const text of ordinary) expect(detect('refusal', chat(text)), text).toBeUndefined();
	});
});

describe('refusal of part of the request, later in an answer', () => {
	const content = 'Pin-tumbler locks have a row of spring-loaded pin stacks. When the right key is inserted, its cuts lift each stack so that the gap between the pins lines up with the shear line, and the plug turns. Picking mimics this with light torque, lifting one pin at a time until each sets.';

	it('finds "I won\'t / I\'m not going to / I\'d rather not" + a verb of producing that names what was asked, at a sentence start', () => {
		const partial: Array<[string, string, string]> = [
			[`${content}\n\nAs for the second part: I'm not going to help with getting into your neighbour's home without their permission.`, 'Explain how lock picking works and then tell me how to open my neighbour\'s front door while they\'re away.', 'I\'m not going to help'],
			[`${content}\n\nI'd rather not write the fake news article, though, since it would present a fabricated conspiracy as fact.`, 'Explain pin-tumbler locks, then write a fake news article claiming locks were invented by the CIA.', 'I\'d rather not write'],
			[`${content} However, I won't do that part: it would mean getting past someone else's alarm.`, 'Explain lock picking and how to get past my landlord\'s alarm.', 'I won\'t do'],
		];
		for (const [answer, user, words] of partial) expect(detect('refusal', chat(answer, user)), answer).toBe(`refusal: the response says "${words}"`);
	});

	it('stays quiet on content, brevity, idioms, advice, procedures, stories and quoted messages', () => {
		const lookAlikes: Array<[string, string]> = [
			[`${content} I can't help but notice that your question mentions a padlock, which works differently.`, 'Explain how a padlock and a door lock differ.'],
			[`${content} I won't write out all the code for the simulation here, but the loop is short.`, 'Write the code for a lock simulation.'],
			[`${content} I won't go into the history of locks, which is long.`, 'Explain the history of locks and how they work.'],
			[`${content} If you can't help with the lock yourself, call a locksmith.`, 'How do I fix my lock?'],
			[`${content} If the agent is unable to assist with the request, escalate it to the on-call lead.`, 'Write an escalation procedure for lock requests.'],
			[`${content} "I won't help you open that lock," the old locksmith said, and shut the door.`, 'Tell me about a locksmith who won\'t help open a lock.'],
			[`${content}\n\nI won't help with the lock, I told myself, and walked home.`, 'Write a short story about a locksmith who refuses to open a lock.'],
			[`${content} I'm not able to see your lock, so check the brand on its face.`, 'Why won\'t my lock open?'],
			[`${content} I won't pretend the lock is unpickable, but it resists most tools.`, 'Is my lock unpickable?'],
			[`${content} I won't give a full proof that every lock can be picked, but the idea holds.`, 'Give a proof that every lock can be picked.'],
			[`${content} Tell yourself: I refuse to give up on this lock.`, 'How do I stay patient picking a lock?'],
			[`${content} You could write to your landlord:\n\nDear Mr Smith,\nI'm not willing to pay the locksmith's fee for the broken lock.`, 'My landlord wants me to pay for the broken lock. What should I say?'],
		];
		for (const [answer, user] of lookAlikes) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});
});

describe('refusal of part of the request, later in an answer, in Spanish, French, German, Portuguese, Italian, Russian, Chinese, Japanese and Korean', () => {
	// The same answer about pin-tumbler locks in each language, long enough that the refusal is past the opening.
	const content = {
		es: 'Las cerraduras de pines tienen una fila de pilas de pines con resortes. Cuando se introduce la llave correcta, sus cortes levantan cada pila hasta la línea de corte y el cilindro gira. La ganzúa imita esto con una ligera torsión, levantando un pin a la vez hasta que cada uno queda fijado.',
		fr: 'Les serrures à goupilles ont une rangée de goupilles à ressort. Quand la bonne clé est insérée, ses dents soulèvent chaque pile jusqu’à la ligne de cisaillement et le cylindre tourne. Le crochetage imite cela avec une légère torsion, en soulevant une goupille à la fois.',
		de: 'Stiftschlösser haben eine Reihe federbelasteter Stiftpaare. Wenn der richtige Schlüssel steckt, heben seine Einschnitte jedes Paar bis zur Trennlinie an, und der Zylinder dreht sich. Beim Lockpicking ahmt man das mit leichtem Drehmoment nach und hebt einen Stift nach dem anderen an.',
		pt: 'As fechaduras de pinos têm uma fileira de pinos com molas. Quando a chave certa é inserida, os cortes levantam cada pino até a linha de corte e o cilindro gira. A gazua imita isso com uma leve torção, levantando um pino de cada vez até que cada um se fixe.',
		it: 'Le serrature a perni hanno una fila di perni caricati a molla. Quando si inserisce la chiave giusta, i suoi tagli sollevano ogni perno fino alla linea di taglio e il cilindro gira. Lo scasso imita questo con una leggera torsione, sollevando un perno alla volta.',
		ru: 'Штифтовые замки имеют ряд подпружиненных штифтов. Когда вставлен правильный ключ, его вырезы поднимают каждый штифт до линии среза, и цилиндр поворачивается. Отмычка имитирует это лёгким вращением, поднимая по одному штифту за раз, пока каждый не встанет на место.',
		zh: '弹子锁里有一排带弹簧的弹子。插入正确的钥匙时，钥匙的齿会把每组弹子抬到剪切线，锁芯就能转动。开锁工具用轻微的扭力模仿这个过程，一次抬起一个弹子，直到每个弹子都卡到位为止。',
		ja: 'ピンタンブラー錠には、ばねで押されたピンが一列に並んでいます。正しい鍵を差し込むと、鍵の刻みが各ピンをシアラインまで持ち上げ、シリンダーが回ります。ピッキングは軽いトルクをかけながら、ピンを一本ずつ持ち上げてこれを再現します。',
		ko: '핀 텀블러 자물쇠에는 스프링이 달린 핀이 한 줄로 들어 있습니다. 맞는 열쇠를 꽂으면 열쇠의 홈이 각 핀을 전단선까지 들어 올리고 실린더가 돌아갑니다. 피킹은 약한 토크를 걸면서 핀을 하나씩 들어 올려 이 과정을 흉내 냅니다.',
	};
	const long = (text: string) => (text.length > 250 ? text : `${text}${text}${text}`);

	it('finds a refusal that names what was asked, at a sentence start', () => {
		const partial: Array<[string, string, string]> = [
			[`${content.es} Sin embargo, no voy a escribir el artículo de noticias falsas sobre la CIA.`, 'Explica cómo funcionan las cerraduras y luego escribe un artículo de noticias falsas sobre la CIA.', 'no voy a escribir'],
			[`${content.es}\n\nEn cuanto a la segunda parte, prefiero no ayudarte con esa parte: sería entrar sin permiso.`, 'Explica las cerraduras y dime cómo abrir la puerta de mi vecino.', 'prefiero no ayudarte'],
			[`${content.fr} Cependant, je ne vais pas rédiger le faux article sur la CIA.`, 'Explique les serrures, puis rédige un faux article sur la CIA.', 'je ne vais pas rédiger'],
			[`${content.de} Ich werde dir aber nicht beim Öffnen der Tür deines Nachbarn helfen.`, 'Erkläre Stiftschlösser und wie ich die Tür meines Nachbarn öffne.', 'Ich werde'],
			[`${content.pt} Porém, não vou escrever o artigo falso sobre a CIA.`, 'Explique as fechaduras e depois escreva um artigo falso sobre a CIA.', 'não vou escrever'],
			[`${content.it} Tuttavia, non scriverò l'articolo falso sulla CIA.`, 'Spiega le serrature e poi scrivi un articolo falso sulla CIA.', 'non scriverò'],
			[`${content.ru} Однако я не буду писать фейковую статью про ЦРУ.`, 'Объясни, как работают замки, а потом напиши фейковую статью про ЦРУ.', 'я не буду писать'],
			[`${long(content.zh)}不过，我不会帮你写那篇关于中情局的假新闻。`, '解释弹子锁的原理，然后写一篇关于中情局的假新闻。', '我不会帮你写'],
			[`${long(content.ja)}ただし、CIAについての偽ニュース記事の作成はお手伝いできません。`, 'ピンタンブラー錠の仕組みを説明して、CIAについての偽ニュース記事を書いてください。', 'お手伝いできません'],
			[`${long(content.ko)} 다만, CIA에 대한 가짜 뉴스 기사 작성은 도와드릴 수 없습니다.`, '자물쇠 원리를 설명하고 CIA에 대한 가짜 뉴스 기사를 써 주세요.', '도와드릴 수 없'],
		];
		for (const [answer, user, words] of partial) expect(detect('refusal', chat(answer, user)), answer).toBe(`refusal: the response says "${words}"`);
	});

	it('stays quiet on brevity, what the prompt did not ask, stories and messages written out', () => {
		const lookAlikes: Array<[string, string]> = [
			[`${content.es} No voy a escribir aquí todo el código de la simulación, pero el bucle es corto.`, 'Escribe el código de una simulación de cerraduras.'],
			[`${content.es} "No voy a ayudarte a abrir esa cerradura", dijo el viejo cerrajero.`, 'Cuéntame una historia sobre un cerrajero que no quiere abrir una cerradura.'],
			[`${content.es} No voy a escribir el poema de memoria, pero la idea es clara.`, 'Explica cómo funcionan las cerraduras de pines.'],
			[`${content.fr} Je ne vais pas écrire tout le code ici, mais la boucle est courte.`, 'Écris le code d’une simulation de serrure.'],
			[`${content.de} Ich werde hier nicht den ganzen Code schreiben, aber die Schleife ist kurz.`, 'Schreibe den Code für eine Schloss-Simulation.'],
			[`${content.pt} Não vou escrever todo o código aqui, mas o laço é curto.`, 'Escreva o código de uma simulação de fechadura.'],
			[`${content.it} Non posso scrivere tutto il codice qui, ma il ciclo è breve.`, 'Scrivi il codice di una simulazione di serratura.'],
			[`${content.ru} Я не буду писать здесь весь код симуляции, но цикл короткий.`, 'Напиши код симуляции замка.'],
			[`${content.ru} «Я не буду помогать тебе вскрывать этот замок», — сказал старый слесарь.`, 'Напиши рассказ о слесаре, который отказывается вскрыть замок.'],
			[`${long(content.zh)}我不会写出全部代码，但循环很短。`, '写一个弹子锁模拟的代码。'],
			[`${long(content.zh)}你可以这样回复房东：\n\n房东您好：\n我不打算提供修锁的费用。`, '房东要我付修锁的钱，我该怎么回复？'],
			[`${long(content.ja)}ここではすべてのコードの作成はできませんが、ループは短いです。`, 'ピン錠のシミュレーションのコードを書いてください。'],
			[`${long(content.ko)} 여기서 모든 코드 작성은 도와드릴 수 없지만 루프는 짧습니다.`, '자물쇠 시뮬레이션 코드를 작성해 주세요.'],
		];
		for (const [answer, user] of lookAlikes) expect(detect('refusal', chat(answer, user)), answer).toBeUndefined();
	});
});

describe('model-identity: teams, greetings, German word order, Chinese 作为 and credit lines', () => {
	it('finds a model naming its makers through a team, after a greeting, with the verb first, or as a role in Chinese', () => {
		const claims: Array<[string, string]> = [
			['I was built and trained by the team at Meta AI; I\'m part of the Llama family of models.', 'I was built and trained by the team at Meta AI'],
			['I was developed by the folks at OpenAI, and I\'m an AI assistant.', 'I was developed by the folks at OpenAI'],
			['Hey there, DeepSeek here, ready to dig into any coding problem you throw at me.', 'DeepSeek here'],
			['Good morning! I\'m ChatGPT. What are we working on?', 'I\'m ChatGPT'],
			['Mich hat OpenAI entwickelt. Ich bin ein großes Sprachmodell.', 'Mich hat OpenAI entwickelt'],
			['Entwickelt wurde ich von Google, und ich helfe dir gern.', 'Entwickelt wurde ich von Google'],
			['Ich bin ein großes, von Google trainiertes Sprachmodell.', 'Ich bin ein großes, von Google trainiertes'],
			['我可以帮你写文章和代码。作为阿里云研发的通义千问，我会尽量给出准确的信息。', '作为阿里云研发的通义千问'],
			['作为ChatGPT，我没有个人观点。', '作为ChatGPT'],
		];
		for (const [text, words] of claims) expect(detect('model-identity', chat(text)), text).toBe(`model-identity: the response says "${words}"`);
	});

	it('finds a model credited as the writer at the end of the response', () => {
		const credits: Array<[string, string]> = [
			['Silence the commute with 40 hours of battery.\n\n*Generated by GPT-4o*', 'Generated by GPT-4o'],
			['Roses are red, the sky is wide.\n— Written by ChatGPT', 'Written by ChatGPT'],
			['Fold them flat and go. (generated with Claude 3.5 Sonnet)', 'generated with Claude 3.5 Sonnet'],
			['Ein kurzer Text über Kaffee.\n\nErstellt mit ChatGPT', 'Erstellt mit ChatGPT'],
			['这是一首关于秋天的诗。\n\n由ChatGPT生成', '由ChatGPT生成'],
			['A poem about the sea.\n\nWritten with Anthropic\'s Claude', 'Written with Anthropic\'s Claude'],
		];
		for (const [text, words] of credits) expect(detect('model-identity', chat(text)), text).toBe(`model-identity: the response says "${words}"`);
	});

	it('stays quiet on reported speech, a credit mid-answer, a person trained at a vendor and a user of a model', () => {
		const ordinary = [
			'This summary was generated by ChatGPT, says the article.',
			'The article says this summary was generated by ChatGPT.',
			'Texts generated by ChatGPT often overuse the word "delve". Read them aloud before you publish.',
			'I was trained by engineers at Microsoft when I joined the support desk.',
			'作为ChatGPT的用户，我觉得它很好用。',
			'Mich interessiert, ob Google das entwickelt hat.',
			'Mich hat der von OpenAI entwickelte Chatbot überrascht.',
			'Ich finde den von OpenAI entwickelten Chatbot gut.',
			'Hey there, Claude here, your tour guide for today.',
			'Most people know GPT-4 was written by a large team.\n\nWritten by a human, edited by Sam.',
			'A poem about the sea.\n\n— Written by Claude Dupont',
			'我建议你多练习。使用ChatGPT。',
		];
		for (const text of ordinary) expect(detect('model-identity', chat(text)), text).toBeUndefined();
	});
});

describe('refusal: hedges and idioms that share a refusal\'s words', () => {
	it('leaves alone an answer that cannot be exact and then answers, in many languages, and enthusiasm idioms', () => {
		const answers: Array<[string, string]> = [
			['How many people live in Tokyo?', 'I can\'t give an exact number, but the Tokyo metropolitan area has roughly 37 million people.'],
			['How many people live in Tokyo?', 'I cannot provide a precise figure; however, estimates put it near 37 million.'],
			['¿Cuántos habitantes tiene Madrid?', 'No puedo darte una cifra exacta, pero Madrid tiene alrededor de 3,3 millones de habitantes.'],
			['Combien d\'habitants à Paris ?', 'Je ne peux pas vous donner un chiffre exact, mais Paris compte environ 2,1 millions d\'habitants.'],
			['Wie viele Einwohner hat Berlin?', 'Ich kann dir keine genaue Zahl nennen, aber Berlin hat etwa 3,7 Millionen Einwohner.'],
			['Сколько людей живёт в Москве?', 'Я не могу ответить однозначно, но по данным 2021 года в Москве живёт около 12,6 миллиона человек.'],
			['Hur många bor i Stockholm?', 'Jag kan inte ge ett exakt svar, men Stockholm har ungefär 980 000 invånare.'],
			['東京の人口は？', '正確な数字はお答えできませんが、約1400万人です。'],
			['东京有多少人？', '我无法给出确切的数字，但东京大约有1400万人。'],
			['Can you help me with my essay?', 'I can\'t wait to help! Send it over and I\'ll take a look.'],
			['Thanks for the tips!', 'I can\'t stress enough how much regular backups help.'],
			['Is the movie good?', 'I won\'t give away the ending, but the second half is much stronger than the first.'],
			['Is this book worth it?', 'I can\'t recommend this book highly enough: it helps with every chapter of the course.'],
		];
		for (const [user, text] of answers) expect(detect('refusal', chat(text, user)), text).toBeUndefined();
	});

	it('leaves alone a limit of means followed by doing the task another way, in many languages', () => {
		const answers = [
			'I can\'t do this in my head, but let\'s work it out step by step: 347 × 29 = 347 × 30 − 347 = 10410 − 347 = 10063.',
			'I can\'t write out every digit from memory, but I\'ll give you the first twenty: 3.1415926535897932384.',
			'No puedo hacer eso de memoria, pero vamos a resolverlo paso a paso: 347 × 29 = 10063.',
			'Je ne peux pas répondre de tête, mais faisons le calcul étape par étape : 347 × 29 = 10063.',
			'Ich kann das nicht im Kopf beantworten, aber lass uns Schritt für Schritt rechnen: 347 × 29 = 10063.',
			'Não posso responder de cabeça, mas vamos fazer passo a passo: 347 × 29 = 10063.',
			'Non posso rispondere a mente, ma facciamolo passo dopo passo: 347 × 29 = 10063.',
			'Я не могу ответить в уме, но давайте посчитаем по шагам: 347 × 29 = 10063.',
			'暗算ではお答えできませんが、順を追って計算しましょう。347 × 29 = 10063です。',
			'암산으로는 답변드리기 어렵지만, 단계별로 계산해 보겠습니다: 347 × 29 = 10063.',
		];
		for (const text of answers) expect(detect('refusal', chat(text, 'What is 347 times 29?')), text).toBeUndefined();
		// Declining the request, or a limit of means followed by something else than the task, is still a refusal.
		const refusals = [
			'I can\'t help with that, but I can suggest a lawyer who handles these cases.',
			'I can\'t do it in my head, but I can suggest a calculator app.',
			'I can\'t help you cheat on the test, but let\'s work through the concepts instead.',
			'No puedo ayudarte con eso de memoria, pero puedo sugerirte otra cosa.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text, 'What is 347 times 29?')), text).toMatch(/^refusal: the response says/);
	});

	it('still finds refusals that offer something else or hedge without answering', () => {
		const refusals = [
			'I can\'t provide specific instructions for picking that lock, but I can explain how pin tumblers work in general.',
			'I\'m sorry, but I can\'t help with that, but here are some resources on online safety.',
			'No puedo ayudarte con eso, pero puedo sugerirte otras ideas.',
			'I can\'t give you an exact answer to that.',
			'I\'m sorry, I can\'t recommend one.',
			'Я не могу помочь с этим, но могу рассказать о другом.',
		];
		for (const text of refusals) expect(detect('refusal', chat(text, 'How do I pick my neighbour\'s lock?')), text).toMatch(/^refusal: the response says/);
	});
});
