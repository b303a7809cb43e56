/*
An eval's sample: a chat prompt under `input` and the answer expected, as OpenAI's evals write them: {"input": [{"role",
"content"}], "ideal": "…"}. The prompt's turns; `ideal` (or another reference key) is shown as the reference, a model's
answer beside it (`output`, `completion`…) as the answer.
*/
import {isChatList, chatBlocks, textOrChatBlocks} from './messages.js';
import {predictionKeys} from './reference-answer.js';
import {defineFormat} from './types.js';
import {ownField} from './values.js';

export const evalPrompt = defineFormat({
	name: 'eval-prompt',
	label: 'eval prompt',
	detect: sample => isChatList(ownField(sample, 'input')),
	render(sample) {
		const answer = predictionKeys.find(key => typeof ownField(sample, key) === 'string' || isChatList(ownField(sample, key)));
		return {
			blocks: [...chatBlocks(sample['input'] as unknown[]), ...(answer === undefined ? [] : textOrChatBlocks(sample[answer], answer, 'completion'))],
			consumedKeys: answer === undefined ? ['input'] : ['input', answer],
		};
	},
});
