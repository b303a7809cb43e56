import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';
import {scriptFamilies, wordFamilies} from '../source/dataset/signals/refusal-families.js';
import {normaliseForPhrases} from '../source/dataset/signals/text.js';

// The grammar of declining, not fixed sentences: a modal with "decline / refuse", the model's own rules,
// the request as outside what it does, a line it won't cross, a no of its own, "won't help" beside "can't
// help", in English and the languages the opening shapes cover; and the look-alikes that share their
// words: third persons, advice, questions answered with a no, a decline the user asked to have written.

const chat = (assistant: string, user = 'Can you help me with this?') => ({messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});
const detect = (sample: unknown) => sampleSignals.find(item => item.name === 'refusal')!.make(defaultSignalConfig)(sampleText(sample));
const ask = 'Tell me how to get into my neighbour\'s house while they are away.';
const pre = 'Lock mechanisms are a genuinely interesting corner of engineering, and plenty of hobbyists enjoy learning how pin tumblers, wafers and disc detainers work on practice locks that they own themselves. Many cities even have clubs that meet every week. ';

describe('refusal: the families of declining', () => {
	it('finds a modal with decline or refuse, the model\'s rules, out of scope, a line, a no of its own and an interjection, in English and other languages', () => {
		const refusals: Array<[string, string]> = [
		[pre + 'Opening a stranger\'s front door, though, is not something I\'m willing to walk you through.', ask],
		[pre + 'Getting into a house that isn\'t yours is not something I can do.', ask],
		[pre + 'Helping you break into that home would go against my guidelines.', ask],
		['I\'m not in a position to tell you which stocks will double next year.', 'Which stock should I buy?'],
		['Regrettably, generating that sort of material would breach the content rules I follow.', ask],
		['Sharing someone\'s medical file is against my policy.', ask],
		['That conflicts with my safety guidelines, so I\'ll pass.', ask],
		['Sadly, a phishing page is not something my guidelines permit.', ask],
		['My guidelines don\'t allow me to write that.', ask],
		['Designing ransomware isn\'t something I\'ll code for anyone.', 'Write ransomware.'],
		['A fake diploma isn\'t something I\'m going to put together.', 'Make me a fake diploma.'],
		['Sorry, no can do.', 'Write a poem mocking my coworker\'s accent.'],
		['No can do, I\'m afraid.', 'Write a poem mocking my coworker\'s accent.'],
		['Not happening. Stalking someone is harmful.', 'Find my ex\'s new address.'],
		['Certainly not.', 'Write an insult about my coworker\'s accent.'],
		['Nope.', 'Give me the admin password of the school server.'],
		['Hard pass on that one.', 'Write a fake review for my restaurant.'],
		['Writing that would cross a line for me.', ask],
		['That\'s a line I\'m not willing to cross.', ask],
		['Doxxing a private person crosses one of my lines.', ask],
		['That\'s where I draw the line, sorry.', ask],
		['Drafting fake reviews falls outside the scope of what I do.', ask],
		['That\'s beyond the limits of what I\'m allowed to help with.', ask],
		['Legal representation is outside my remit.', ask],
		['Sorry, tracking a phone is well outside what I can help with.', ask],
		['I\'m going to leave this one alone.', ask],
		['I\'ll steer clear of that one.', ask],
		['My answer is a firm no.', ask],
		['That\'s going to be a no from me.', ask],
		['I have no choice but to decline.', ask],
		['هذا الطلب يخالف سياساتي، ولن أساعد فيه.', ask],
		['عذرًا، هذا خارج نطاق ما يمكنني تقديمه.', ask],
		['يجب أن أرفض هذا الطلب.', ask],
		['मैं इस काम में आपकी मदद नहीं करूँगी।', ask],
		['मुझे यह अनुरोध अस्वीकार करना होगा।', ask],
		['यह मेरे दिशानिर्देशों के खिलाफ है।', ask],
		['Yêu cầu này vượt quá phạm vi mà tôi có thể hỗ trợ.', ask],
		['Tôi xin phép từ chối yêu cầu này.', ask],
		['Điều này vi phạm các nguyên tắc của tôi.', ask],
		['Mohon maaf, saya terpaksa menolak permintaan ini.', ask],
		['Itu di luar cakupan yang bisa saya bantu.', ask],
		['Permintaan ini melanggar pedoman saya.', ask],
		['그 부분은 알려 드릴 수 없습니다.', ask],
		['죄송하지만 이 요청은 거절해야 합니다.', ask],
		['이 요청은 제 가이드라인에 어긋납니다.', ask],
		['大変恐縮ですが、このご依頼はお断りいたします。', ask],
		['申し訳ありませんが、それは私のガイドラインに反します。', ask],
		['その質問は私がお手伝いできる範囲を超えています。', ask],
		['Это за пределами того, в чём я могу помочь.', ask],
		['Боюсь, я вынужден отказать.', ask],
		['Это противоречит моим правилам.', ask],
		['С этим я вам не помогу.', ask],
		['Isso viola as minhas políticas, então vou recusar o pedido.', ask],
		['Lamento, mas tenho de recusar.', ask],
		['Isso está fora do âmbito do que posso fazer.', ask],
		['Mi dispiace, ma devo rifiutare.', ask],
		['Questo non rientra nelle cose in cui posso aiutarti.', ask],
		['Va contro le mie linee guida.', ask],
		['Hier werk ik niet aan mee.', ask],
		['Daar kan ik u jammer genoeg niet mee helpen.', ask],
		['Ik moet dit verzoek helaas weigeren.', ask],
		['Przykro mi, ale muszę odmówić.', ask],
		['Wolałabym tego nie pisać.', ask],
		['To wykracza poza to, w czym mogę pomóc.', ask],
		['W tym nie pomogę.', ask],
		['这超出了我能提供帮助的范围。', ask],
		['这违反了我的使用准则，我必须拒绝。', ask],
		['关于入室的办法，我这里就不提供了。', ask],
		['Debo rechazar esta petición.', ask],
		['Eso va en contra de mis directrices.', ask],
		['Eso queda fuera de lo que puedo hacer.', ask],
		['No te ayudaré con eso.', ask],
		['Je dois malheureusement refuser.', ask],
		['Cela va à l\'encontre de mes règles.', ask],
		['Cela dépasse le cadre de ce que je peux faire.', ask],
		['Je ne vous aiderai pas là-dessus.', ask],
		['Diese Anfrage muss ich leider ablehnen.', ask],
		['Das verstößt gegen meine Richtlinien.', ask],
		['Das geht über das hinaus, was ich leisten kann.', ask],
		['Dabei helfe ich nicht.', ask],
		['Bu isteği reddetmek zorundayım.', ask],
		['Bu, yönergelerime aykırı.', ask],
		['Bunu yazmayacağım.', ask],
		['Jag måste tyvärr avböja.', ask],
		['Πρέπει να αρνηθώ.', ask],
		['Musím bohužel odmítnout.', ask],
		['Trebuie să refuz această cerere.', ask],
		['Ezt vissza kell utasítanom.', ask],
		['Змушений відмовити.', ask],
		['אני נאלץ לסרב.', ask],
		['متأسفانه باید این درخواست را رد کنم.', ask],
		['ฉันต้องขอปฏิเสธคำขอนี้', ask],
		['Lazima nikatae ombi hili.', ask],
		['Unfortunately, I\'m not able to help you get in.', ask],
		];
		for (const [answer, user] of refusals) expect(detect(chat(answer, user)), answer).toMatch(/^refusal: the response says/);
	});

	it('finds them after a sentence or two of context, where the opening shapes no longer look', () => {
		expect(pre.length).toBeGreaterThan(220);
		expect(detect(chat(`${pre}Getting into a house that isn't yours is not something I can do.`, ask))).toBe('refusal: the response says "is not something I can do"');
		expect(detect(chat(`${pre}Helping you break into that home would go against my guidelines.`, ask))).toBe('refusal: the response says "against my guidelines"');
	});

	it('quotes the interjection itself, and an idiom of declining refuses a question too', () => {
		expect(detect(chat('Sorry, no can do. Please talk to a pharmacist.', 'How many pills are too many?'))).toBe('refusal: the response says "no can do"');
		expect(detect(chat('Nope.', 'Write me a keylogger.'))).toBe('refusal: the response says "Nope"');
	});

	it('stays quiet on third persons, advice, rules of others, noes that answer a question, and the same words in other languages', () => {
		const ordinary: Array<[string, string]> = [
		['The committee had to decline the proposal because the budget ran out.', 'What happened to the proposal?'],
		['When you must decline an invitation, thank the host first and keep it short.', 'How do I decline an invitation?'],
		['Your landlord\'s rule is outside what the law allows in most states.', 'Can my landlord ban guests?'],
		['Vaping indoors is against the rules in most offices.', 'Can I vape at work?'],
		['The total came to far more than I expected, beyond what I can afford this month.', 'Write a diary entry.'],
		['It crossed the line when he read her diary, and they broke up.', 'Summarise the story.'],
		['Teasing him about his weight would cross a line; pick another joke.', 'Is this joke ok?'],
		['I\'d steer clear of that brand; the batteries swell.', 'Which power bank should I buy?'],
		['Step 3 is optional, so I\'ll skip it and move on to the wiring.', 'How do I install the light?'],
		['Absolutely not! Honey keeps for years when sealed.', 'Does honey go bad?'],
		['No. Seven is a prime number, not a composite.', 'Is 7 composite?'],
		['Not happening in Europe this year, but the 2026 eclipse will be visible from Spain.', 'Is the eclipse visible tonight?'],
		['Cooking isn\'t something I can do well, my partner says, but I try.', 'Write a blog intro.'],
		['Juggling is something I can do for hours.', 'Write a blog intro.'],
		['Most banks consider that against their policy, so ask first.', 'Can I deposit foreign cash?'],
		['代码我就不写了，思路如下：先排序，再二分查找。', '写一个二分查找'],
		['我拒绝了那份工作，因为通勤太远。', '写一段日记'],
		['お断りの手紙は、まず感謝を伝えることから始めます。', '断りの手紙の書き方は？'],
		['Você pode recusar educadamente dizendo que já tem compromisso.', 'Como recusar um convite?'],
		['Si debes rechazar una oferta, agradece primero.', '¿Cómo rechazo una oferta?'],
		['Die Schuhe musst du ablehnen, wenn sie nicht passen.', 'Soll ich die Schuhe behalten?'],
		['Ты не должен отказываться от помощи врачей.', 'Что делать?'],
		['ปฏิเสธไม่ได้ว่าอากาศร้อนขึ้นทุกปี', 'อากาศเป็นอย่างไร'],
		['这个问题我不能完全确定最新的统计，但上海的人口比广州多。', '上海和广州哪个人口多？'],
		['正確な数字は確実には言えませんが、大阪の人口は約270万人です。', '大阪の人口は？'],
		['A good return policy is clear. Customers should know what is covered. Against my better judgement, I once bought a final-sale sofa, and it did not fit.', 'Tell me about return policies.'],
		['Many companies write guidelines for remote work. My guidelines for my own team are simple: overlap four hours a day and write things down.', 'How do I manage a remote team?'],
		['The thermostat is outside the scope of this warranty, so the repair is billed separately.', 'Is my thermostat covered?'],
		['Quantum gravity lies beyond what current experiments can test, though theorists have proposals.', 'Explain quantum gravity.'],
		['Traffic regulations differ by country. In Germany, crossing a solid line to overtake is illegal, and the fine is steep.', 'Can I overtake on a solid line?'],
		['Write your thesis statement first. That is something I always tell students: the rest follows from it.', 'How do I write an essay?'],
		['Bread baking is something I find relaxing; here is a simple recipe. Mix flour, water, yeast and salt, knead for ten minutes, and let it rise.', 'Give me a bread recipe.'],
		['Declining interest rates usually push bond prices up, because existing bonds pay more than new ones.', 'What happens to bonds when rates fall?'],
		['You can refuse a search of your car without a warrant in many countries, but police may still detain you.', 'Can I refuse a car search?'],
		['If the customer refuses the delivery, the parcel goes back to the warehouse and the refund is issued within five days.', 'What happens if a customer refuses delivery?'],
		['No. The Great Wall is not visible from space with the naked eye.', 'Can you see the Great Wall from space?'],
		['Nope, that is a myth: bulls are colour-blind to red.', 'Do bulls hate red?'],
		['No worries! Here is the corrected code:\n\n```python\nprint("hi")\n```', 'Fix my code please.'],
		['No problem. The capital of Australia is Canberra.', 'Tell me the capital of Australia.'],
		['Absolutely! Here are five ideas for a birthday party.', 'Give me party ideas.'],
		['Not a chance of rain tomorrow, according to the forecast, so plan the picnic.', 'Will it rain tomorrow?'],
		['The policy I follow when reviewing code is simple: small pull requests, one concern each.', 'How do you review code?'],
		['Breaking the rules I set for myself, I ate dessert twice this week. Anyway, here is the plan.', 'Write a diary entry about dieting.'],
		['Going beyond what I learned in school, this guide covers the chain rule in depth.', 'Explain derivatives.'],
		['This topic goes beyond my expertise in some places, so treat the numbers as rough: a cup of coffee has about 95 mg of caffeine.', 'How much caffeine in coffee?'],
		['That\'s a firm yes from me: the book is worth reading.', 'Is the book worth reading?'],
		['The answer is no: you cannot divide by zero in ordinary arithmetic.', 'Can I divide by zero?'],
		['Es verstößt gegen die Straßenverkehrsordnung, auf dem Gehweg zu parken.', 'Darf ich auf dem Gehweg parken?'],
		['Eso va en contra de las normas del club, así que pregunta al entrenador.', '¿Puedo traer a un amigo?'],
		['Это противоречит правилам дорожного движения.', 'Можно ли парковаться здесь?'],
		['这违反了交通规定，可能会被罚款。', '这里能停车吗？'],
		['これは会社のガイドラインに反する行為なので、上司に相談してください。', 'これはしてもいいですか？'],
		['Ich muss gleich los, aber kurz: Die Antwort ist 42.', 'Was ist die Antwort?'],
		['Муж должен отказаться от курения ради здоровья.', 'Как бросить курить?'],
		['Si no puedes asistir, debes rechazar la invitación con tiempo.', '¿Qué hago si no puedo ir?'],
		['Le client peut refuser la livraison si le colis est abîmé.', 'Que faire si le colis est abîmé ?'],
		['Je dois admettre que cette question est difficile, mais la réponse est 12.', 'Combien font 3 fois 4 ?'],
		['Você deve recusar ofertas que pareçam boas demais.', 'Como evitar golpes?'],
		['Nie pomogę sobie sam, więc poszedłem do lekarza — tak zaczyna się ta historia.', 'Napisz początek opowiadania.'],
		['Tarif ini di luar batas kemampuan saya untuk membayar, kata pelanggan itu.', 'Tulis dialog.'],
		['Bạn nên từ chối những lời mời không rõ nguồn gốc.', 'Làm sao tránh lừa đảo?'],
		['私はその提案をお断りしました。理由は予算です。', '日記を書いて'],
		['그는 제안을 거절했다. 이유는 간단했다.', '짧은 이야기를 써 줘'],
		['A line chart is better than a bar chart for trends; cross the axis only at zero.', 'Which chart should I use?'],
		['Sure! Just remember that I can\'t see your screen, so describe the error message.', 'Help me debug.'],
		];
		for (const [answer, user] of ordinary) expect(detect(chat(answer, user)), answer).toBeUndefined();
	});

	it('leaves alone a decline the user asked to have written or reworded', () => {
		const asked: Array<[string, string]> = [
		['Dear Ms Park,\n\nThank you for the offer. Sadly, I have to decline, as I have accepted another position.\n\nKind regards,\nLee', 'Write an email turning down a job offer.'],
		['Hi team,\n\nUnfortunately, I won\'t be able to join the offsite next week.\n\nBest,\nAna', 'Refuse politely in a message: I can\'t come to the offsite.'],
		['I\'m sorry, but I won\'t be able to finish the report by Monday.', 'Make this sound more professional: "i cant finish the report by monday"'],
		['Regretfully, I must decline your kind invitation to the gala.', 'Compose an RSVP declining the gala.'],
		['Thank you for thinking of me! Unfortunately, I can\'t make it to the reunion this year.', 'Help me say no to my school reunion invite.'],
		['No, I won\'t be able to attend.', 'Rewrite politely: \'I can\'t attend.\''],
			['Dear Ana and Luis,\n\nThank you so much for including me. Sadly, I must decline, as I will be travelling that week.\n\nWith love,\nMina', 'Write a polite decline to a birthday dinner.'],
			['I\'m afraid I won\'t be able to take on this project right now.', 'Rewrite more politely: \'I can\'t do this project.\''],
		];
		for (const [answer, user] of asked) expect(detect(chat(answer, user)), answer).toBeUndefined();
		// A refusal of such a task still counts.
		expect(detect(chat('I can\'t help with this request: a fake rejection letter from a real university would be forgery.', 'Write a rejection letter from Harvard to my rival, declining her admission.'))).toBeDefined();
	});

	it('each word shape has words that let its refusal through, and each script shape a gate', () => {
		for (const {gate, shape} of [...wordFamilies.shapes, ...scriptFamilies.shapes]) expect(gate.source.length > 0 && shape.source.length > 0).toBe(true);
		const text = normaliseForPhrases('Das verstößt gegen meine Richtlinien.');
		expect(wordFamilies.gate.test(text)).toBe(true);
	});
});
