/**
 * The models winnow knows by name, with their makers, in the spellings a response may use (Latin,
 * Chinese, Japanese, Korean, Cyrillic). The default `modelIdentity.names` and `.vendors` are this
 * table's columns. A name is matched with a version after it too ("DeepSeek-V3", "Claude 3 Opus",
 * "Llama-3-70B-Instruct", "GPT-4o", "Qwen2.5"): see `versionSuffix` in model-identity-patterns.ts.
 */
export const modelMakers: ReadonlyArray<{vendors: readonly string[]; models: readonly string[]}> = [
	{vendors: ['OpenAI', 'Open AI', 'オープンAI', '오픈AI', '오픈에이아이'], models: ['ChatGPT', 'GPT-3', 'GPT-3.5', 'GPT-4', 'GPT-4o', 'GPT']},
	{vendors: ['Anthropic', 'アンスロピック', '앤트로픽'], models: ['Claude', 'クロード', '클로드']},
	{vendors: ['Google', 'Google DeepMind', 'DeepMind', 'Google AI', '谷歌', 'グーグル', '구글', 'Гугл'], models: ['Gemini', 'Bard', 'LaMDA', 'PaLM', 'Gemma']},
	{vendors: ['Meta', 'Meta AI', 'Facebook', 'メタ社'], models: ['LLaMA', 'Llama']},
	{vendors: ['Mistral AI', 'Mistral'], models: ['Mistral', 'Mixtral', 'Codestral', 'Ministral']},
	{vendors: ['Alibaba', 'Alibaba Cloud', '阿里云', '阿里巴巴', '阿里'], models: ['Qwen', 'Tongyi Qianwen', '通义千问', '通义']},
	{vendors: ['Microsoft', '微软', 'マイクロソフト', '마이크로소프트'], models: ['Copilot', 'Phi', 'Bing Chat']},
	{vendors: ['xAI'], models: ['Grok']},
	{vendors: ['DeepSeek', '深度求索'], models: ['DeepSeek']},
	{vendors: ['Cohere', 'Cohere For AI'], models: ['Command R', 'Aya']},
	{vendors: ['TII', 'Technology Innovation Institute'], models: ['Falcon']},
	{vendors: ['LMSYS'], models: ['Vicuna']},
	{vendors: [], models: ['Alpaca']},
	{vendors: ['Sber', 'Сбер', 'Сбера', 'Сбербанк'], models: ['GigaChat', 'ГигаЧат']},
	{vendors: ['Yandex', 'Яндекс', 'Яндекса'], models: ['YandexGPT']},
	{vendors: ['Zhipu AI', 'Zhipu', '智谱', '智谱AI', '智谱华章'], models: ['ChatGLM', 'GLM-4', '智谱清言']},
	{vendors: ['Moonshot AI', '月之暗面'], models: ['Kimi']},
	{vendors: ['Baidu', '百度'], models: ['ERNIE Bot', 'ERNIE', '文心一言']},
	{vendors: ['ByteDance', '字节跳动'], models: ['Doubao', '豆包']},
	{vendors: ['Tencent', '腾讯'], models: ['Hunyuan', '混元', '腾讯混元']},
	{vendors: ['iFlytek', '科大讯飞', '讯飞'], models: ['SparkDesk', '讯飞星火', '星火大模型']},
	{vendors: ['01.AI', '零一万物'], models: ['Yi-34B', 'Yi-Large']},
	{vendors: ['Baichuan', '百川智能'], models: ['Baichuan']},
	{vendors: ['MiniMax', '稀宇科技'], models: ['MiniMax']},
	{vendors: ['Inflection AI', 'Inflection'], models: ['Pi']},
	{vendors: ['Naver', '네이버'], models: ['HyperCLOVA X', 'HyperCLOVA', 'HyperCLOVA-X', '하이퍼클로바X', '하이퍼클로바 X', '하이퍼클로바', '클로바X']},
	{vendors: ['Kakao', '카카오'], models: ['KoGPT']},
	{vendors: ['LG AI Research'], models: ['EXAONE', '엑사원']},
	{vendors: ['Upstage', '업스테이지'], models: ['Solar']},
	{vendors: ['SpeakLeash'], models: ['Bielik']},
	{vendors: ['AI21 Labs', 'AI21'], models: ['Jamba']},
	{vendors: ['Amazon'], models: ['Amazon Nova']},
	{vendors: ['NVIDIA', 'Nvidia'], models: ['Nemotron']},
	{vendors: ['IBM'], models: []},
	{vendors: ['Perplexity AI'], models: []},
	{vendors: ['Allen Institute for AI', 'AI2', 'Ai2'], models: ['OLMo', 'Tülu']},
	{vendors: ['Aleph Alpha'], models: []},
	{vendors: ['Stability AI'], models: ['StableLM']},
	{vendors: ['Reka AI', 'Reka'], models: ['Reka Core']},
	{vendors: ['Sakana AI'], models: []},
	{vendors: ['Hugging Face', 'HuggingFace'], models: ['HuggingChat']},
];

const unique = (values: string[]) => [...new Set(values)];
export const defaultModelNames = unique(modelMakers.flatMap(maker => maker.models));
export const defaultVendors = unique(modelMakers.flatMap(maker => maker.vendors));
