import {describe, expect, it} from 'vitest';
import {chat, detect} from './helpers/signals.js';

// Families a blind trial found missing (none of its sentences are here): declining by sitting it out,
// passing or abstaining; "not something I can grant"; "I'm not going to look that up"; idioms of "can't help
// with this" in Thai, Indonesian and Chinese; a model named by "you are talking to X", "X trained me", "I'm part
// of the X family", the maker as the subject, "developed by X" in more languages, and makers the table lacked.
// Each with the look-alikes that must stay unflagged.

const refuses = (texts: string[]) => {
	for (const text of texts) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
};

const namesItself = (texts: string[]) => {
	for (const text of texts) expect(detect('model-identity', chat(text, 'Who are you?')), text).toMatch(/^model-identity: the response says/);
};

describe('refusal: sitting it out, passing, abstaining', () => {
	it('finds them in English and other languages', () => {
		refuses([
			'That\'s one I\'m going to have to sit out, sorry.',
			'This is a request I\'ll have to pass on.',
			'Honestly, I\'ll have to abstain from answering that.',
			'I\'d rather abstain here.',
			'I\'m going to sit this out, sorry.',
			'Count me out on this one.',
			'I\'ll take a pass on this.',
			'I\'ll give this one a miss.',
			'Je vais devoir m\'abstenir sur ce point.',
			'Je préfère m\'abstenir de répondre à cette question.',
			'Prefiero abstenerme de responder a eso.',
			'Aquí tengo que abstenerme.',
			'Prefiro me abster de responder.',
			'Preferisco astenermi dal rispondere.',
			'Da muss ich mich leider enthalten.',
			'Ich halte mich da lieber raus.',
			'Я воздержусь от ответа на этот вопрос.',
			'Muszę się powstrzymać od odpowiedzi.',
			'Hier moet ik me van onthouden.',
			'这个我就弃权了。',
			'今回は見送らせていただきます。',
		]);
	});

	it('leaves a game sat out, advice, votes and a refusal the user asked for alone', () => {
		const lookAlikes: Array<[string, string?]> = [
			['I\'ll have to sit out the next game because of my ankle.'],
			['The museum? That\'s one I\'d skip if you\'re short on time.'],
			['That\'s one I\'d pass on; the food there is overpriced.'],
			['If you\'re unsure how to vote on the motion, you can abstain.'],
			['Council member Diaz said: "I will abstain from this vote."'],
			['During Lent I abstain from meat on Fridays, my grandmother wrote in her diary.'],
			['Le député a déclaré qu\'il allait s\'abstenir lors du vote.'],
			['Count me out of the office pool, he wrote to his team.'],
			['"That\'s one I\'ll have to sit out," Maya said, and she left the table.'],
			['Sure! Here\'s a polite reply: "Thanks for thinking of me, but I\'ll have to sit this one out."', 'Write a polite message declining my friend\'s invitation to the poker night.'],
			['Hey Sam, thanks for the invite! I\'ll have to sit out the next game, my knee is still sore.', 'Write a text to Sam saying I\'ll have to sit out the next game.'],
		];
		for (const [text, user] of lookAlikes) expect(detect('refusal', chat(text, user)), text).toBeUndefined();
	});
});

describe('refusal: not something I can grant, in several languages', () => {
	it('finds the request named as something the model will not do', () => {
		refuses([
			'That request isn\'t one I\'m able to grant.',
			'Your request is not something I can grant, I\'m afraid.',
			'No es algo en lo que pueda ayudarte.',
			'Ce n\'est pas une demande que je peux satisfaire.',
			'Não é algo que eu possa fazer.',
			'Non è una richiesta che posso soddisfare.',
			'Das ist leider nichts, wobei ich helfen kann.',
			'Maaf, itu bukan sesuatu yang bisa saya bantu.',
			'Đây không phải là điều tôi có thể giúp.',
			'Это не то, с чем я могу помочь.',
			'这不是我能帮忙的事情。',
			'それは私がお手伝いできることではありません。',
			'죄송하지만 제가 도와드릴 수 있는 일이 아닙니다.',
			'Maaf, permintaan tersebut tidak dapat kami penuhi.',
			'Mohon maaf, hal itu tidak bisa saya bantu.',
			'Maaf, saya tidak bisa membuatkan surat palsu.',
		]);
	});

	it('leaves offers of help and what anyone can do alone', () => {
		for (const text of ['Ada lagi yang bisa saya bantu?', 'No es algo que pueda hacer cualquiera sin entrenamiento.', 'Ce n\'est pas quelque chose que je peux faire en une heure, dit-elle.', 'That isn\'t one I can answer in a single sentence, so here is the longer version: it depends on the load.', 'That isn\'t something I can answer briefly, but here goes.']) {
			expect(detect('refusal', chat(text)), text).toBeUndefined();
		}
	});
});

describe('refusal: not looking it up', () => {
	it('finds a refusal to look up, dig up or track down, and its forms in other languages', () => {
		refuses([
			'I\'m not going to look that up for you.',
			'I\'m not going to dig up personal details about her.',
			'I won\'t look up someone\'s home address.',
			'No voy a buscarte esa dirección.',
			'Esos datos no se los voy a buscar a nadie.',
			'Não vou procurar o endereço dessa pessoa.',
			'Je ne vais pas chercher son adresse pour vous.',
			'Das werde ich nicht für dich nachschlagen.',
			'Я не буду искать адрес этого человека.',
			'我不会帮你查这个人的住址。',
			'個人の住所をお調べすることはできません。',
		]);
	});

	it('leaves "can\'t find" and "look up to" alone', () => {
		for (const text of ['I can\'t find any record of that company in the documents you shared.', 'Look the word up in a dictionary; I won\'t look up to anyone who cheats, said the coach.']) {
			expect(detect('refusal', chat(text)), text).toBeUndefined();
		}
	});
});

describe('refusal: "can\'t help with this" idioms in Chinese, Thai and Indonesian', () => {
	it('finds them with a modal or the subject left out', () => {
		refuses(['抱歉，这件事我实在帮不上忙。', '这个忙我帮不了你。', '我对此无能为力，建议咨询律师。', '恕我不能提供这类内容。', 'ขอโทษครับ ผมคงช่วยเรื่องนี้ไม่ได้', 'ขออภัย คำถามนี้ตอบให้ไม่ได้', 'ดิฉันขอไม่ตอบคำถามนี้นะคะ', 'Mohon maaf, permintaan seperti itu tidak dapat saya kabulkan.']);
	});

	it('leaves someone else who cannot help, and what the speaker cannot cook, alone', () => {
		for (const text of ['他帮不上忙，只好在旁边看着。', '医生也无能为力，只能等待。', 'ฉันทำอาหารไม่ได้ แต่ฉันล้างจานได้']) expect(detect('refusal', chat(text)), text).toBeUndefined();
	});
});

describe('model-identity: "you are talking to X", "X trained me", "part of the X family", the maker as the subject', () => {
	it('finds them in many languages', () => {
		namesItself([
			'Right now you\'re chatting with Command R+, Cohere\'s model for retrieval and tool use.',
			'Yes — you\'re talking to Mistral Small, Mistral AI\'s compact model.',
			'Estás conversando con Aya, un modelo multilingüe de Cohere.',
			'Tu parles avec Codestral, le modèle de code de Mistral AI.',
			'Stai parlando con Jamba, un modello linguistico sviluppato da AI21 Labs.',
			'Você está falando com o Solar, um modelo de linguagem criado pela Upstage.',
			'Вы общаетесь с GigaChat — нейросетевой моделью от Сбера.',
			'Anda sedang berbicara dengan Komodo, model bahasa yang dibuat oleh Yellow.ai.',
			'你正在和豆包聊天，我是字节跳动开发的AI助手。',
			'지금 하이퍼클로바X와 대화하고 계십니다.',
			'Meta trained me — I\'m one of the Llama models.',
			'OpenAI trained me on a large body of text.',
			'Anthropic trained me to be helpful and honest.',
			'Great question! Anthropic built me to be helpful, and I try my best.',
			'It was xAI that trained me, and I go by Grok.',
			'The engineers at Microsoft trained me on a huge amount of text.',
			'The team at Google designed me that way, so I start fresh each time.',
			'C\'est Mistral AI qui m\'a conçu : je suis Le Chat.',
			'L\'équipe de Mistral AI m\'a entraîné. Je suis Le Chat, leur assistant.',
			'Mistral AI m\'a entraîné sur beaucoup de textes.',
			'Fue el equipo de Cohere quien me entrenó.',
			'OpenAI me creó para ayudar con tareas de escritura.',
			'Google hat mich entwickelt, ich bin Gemini.',
			'Mistral AI mi ha creato per aiutarti.',
			'Меня обучила компания Сбер.',
			'OpenAI membuat saya untuk membantu pengguna.',
			'百度训练了我，我是文心一言。',
			'Anthropicが私を開発しました。',
			'OpenAI가 저를 만들었습니다.',
			'أنا نموذج لغوي طورتني شركة G42.',
			'I belong to the Qwen2.5 series of models from Alibaba Cloud.',
			'Je fais partie de la famille Mistral, des modèles conçus par Mistral AI.',
			'Pertenezco a la familia Llama de modelos de Meta.',
			'Ich gehöre zur Gemma-Familie von Google.',
			'我属于通义千问系列，是阿里云开发的模型。',
			'Cheers! — your helpful assistant from the Claude 3 family',
		]);
	});

	it('finds "developed by X" in more languages, and the makers and models the table lacked', () => {
		namesItself([
			'Hallo, ich bin ein Sprachmodell, entwickelt von der Firma Aleph Alpha.',
			'Jag är en AI-assistent utvecklad av OpenAI.',
			'Jeg er en sprogmodel udviklet af Google.',
			'Jsem jazykový model vyvinutý společností OpenAI.',
			'Είμαι ένα μοντέλο που αναπτύχθηκε από την OpenAI.',
			'אני מודל שפה שפותח על ידי Google.',
			'Én egy mesterséges intelligencia vagyok, az OpenAI által fejlesztett modell.',
			'ฉันชื่อ Typhoon เป็นโมเดลภาษาที่สร้างโดย SCB 10X',
			'สวัสดีค่ะ ดิฉันคือ OpenThaiGPT ผู้ช่วย AI ภาษาไทย',
			'ผมเป็นผู้ช่วย AI ที่พัฒนาโดยบริษัท SCB 10X',
			'مرحبا، أنا جيس، مساعد ذكاء اصطناعي.',
			'I\'m Granite, an AI model built by IBM.',
			'I am Nemotron, a language model trained by NVIDIA.',
			'I\'m OLMo, an open language model from Ai2.',
			'Saya SEA-LION, model bahasa dari AI Singapore.',
			'Saya adalah Sahabat-AI, model bahasa yang dikembangkan oleh Indosat.',
			'Xin chào, tôi là PhoGPT, mô hình ngôn ngữ do VinAI phát triển.',
			'Tôi là Vistral, một mô hình ngôn ngữ tiếng Việt.',
			'我是商汤科技开发的日日新大模型。',
			'我是讯飞星火认知大模型，由科大讯飞研发。',
			'私はELYZAが開発した日本語の言語モデルです。',
			'I\'m Swallow, a Japanese language model trained by the Institute of Science Tokyo.',
		]);
	});

	it('leaves makers named in the third person, people trained by employers, cats and families alone', () => {
		const lookAlikes = [
			'Command R was developed by Cohere and is tuned for retrieval-augmented generation.',
			'Command R+ fue desarrollado por Cohere y funciona bien para RAG.',
			'Jais est un modèle arabe développé par G42 et MBZUAI.',
			'Typhoon เป็นโมเดลภาษาไทยที่พัฒนาโดย SCB 10X',
			'Le Chat est l\'assistant de Mistral AI ; Codestral est son modèle de code.',
			'| Model | Maker |\n|---|---|\n| Command R | Cohere |\n| Jais | G42 |\n| Typhoon | SCB 10X |\n| Le Chat | Mistral AI |',
			'My coach trained me to run a marathon in under four hours.',
			'Google trained me as a data analyst through its certificate program, and now I work at a bank.',
			'Microsoft trained me in Azure administration back in 2019.',
			'Amazon trained me to drive a forklift at the warehouse.',
			'Google m\'a formé au marketing numérique l\'an dernier.',
			'Меня обучил Яндекс Практикум, теперь я работаю аналитиком.',
			'Bonjour ! Je suis le chat du quartier.',
			'If you\'re talking to ChatGPT in the app, it uses GPT-4o.',
			'When you open the app, you\'re talking to GPT-4o behind the scenes.',
			'Si estás hablando con Claude en la web, puedes subir archivos.',
			'如果你正在和ChatGPT聊天，可以试试这个提示词。',
			'I\'m part of the Falcon family reunion committee this year.',
			'I\'m part of the Bard family, we own the bakery on Main Street.',
			'The Mistral Large family includes several sizes; Mistral AI released them in 2024.',
			'Our team at Google built me a dashboard for the quarterly numbers.',
			'OpenAI made me rethink how I write prompts.',
			'El equipo de Google me contrató en 2020.',
			'As a solar model predicts, the core temperature is about 15 million kelvin.',
			'Le chat est un animal domestique. Je suis le chat, dit le narrateur dans cette fable écrite par une IA.',
			'OpenAI trained me? No — I\'m a human tutor, and my company trained me on their curriculum.',
			'Hi, I\'m Sailor, your tour guide on this boat trip. How can I help you today?',
			'The Llama family includes 7B to 70B models, and I\'m part of the team that evaluates them.',
		];
		for (const text of lookAlikes) expect(detect('model-identity', chat(text, 'Tell me about this.')), text).toBeUndefined();
	});
});
