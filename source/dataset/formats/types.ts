/*
The display model every format renders to, and the shape of one format. Strings in the display model
are RAW, straight from the sample: the UI passes them through sanitize()/sanitizeLine().
*/

export type Tone =
	| 'system'
	| 'user'
	| 'assistant'
	| 'tool'
	| 'prompt'
	| 'completion'
	| 'chosen'
	| 'rejected'
	| 'reference'
	| 'field'
	| 'json'
	| 'error';

export type Block = {
	label: string;
	text: string;
	tone: Tone;
	/** A model's reasoning before its answer (reasoning_content, <think>…</think>, Anthropic's thinking): the signals name it, and judge the answer instead when there is one. */
	reasoning?: true;
	/** The turn's training weight when the sample gives one (OpenAI's and axolotl's `weight`): 0 is a turn not trained on, which the signals leave alone. */
	weight?: number;
};

export type MetadataEntry = {
	key: string;
	/** For one line: cut, strings unquoted, anything else compact JSON. */
	value: string;
	/** The whole value, when `value` is not all of it: pretty JSON or the whole string, line breaks real. */
	full?: string;
	/**
	 * Why the field is kept to the metadata panel (m) and left off the header's line: "shown above" (its text
	 * repeats what a block already shows: a prompt beside the conversation that holds it), "turn's fields" (a
	 * turn's own fields, WildChat's country or timestamp). The panel names it beside the key.
	 */
	note?: string;
};

export type JsonObject = Record<string, unknown>;

/** What one format makes of a sample: its blocks, and which top-level keys they show. */
export type Rendering = {
	blocks: Block[];
	consumedKeys: string[];
	/** Metadata found below the top level, such as the fine-tuning API's input.parallel_tool_calls. */
	nestedMetadata?: MetadataEntry[];
	/** What the header calls this sample when the format has variants: the format's label and the variant, "templated text (ChatML)". */
	label?: string;
};

/**
 * One format: a whole format in one small file. `detect` sees a JSON object (never anything else);
 * `render` is only called on objects `detect` accepted. Neither may throw on wrong-typed fields
 * (renderSample falls back to pretty JSON if one does).
 */
export type SampleFormat<Name extends string = string> = {
	readonly name: Name;
	/** What the header calls it. */
	readonly label: string;
	detect(sample: JsonObject): boolean;
	/** `content`: only the blocks are wanted (the signals read them): a format may leave its nested metadata out. */
	render(sample: JsonObject, content?: boolean): Rendering;
};

/** Keeps a format's name as a literal type, so the list of formats gives the Format union. */
export function defineFormat<Name extends string>(format: SampleFormat<Name>): SampleFormat<Name> {
	return format;
}
