export {parseQuery} from './parser.js';
export {fieldPathOf} from './field-path.js';
export {matchesQuery, valuesAt, valuesAtPath} from './evaluate.js';
export {formatQuery, queryKey} from './format.js';
export {complete, fieldPathsOf, seenValues, type Completion, type CompletionContext} from './complete.js';
export {QueryError} from './errors.js';
export {needsOf, type Query, type QueryNeeds} from './ast.js';
export type {SampleFacts} from './facts.js';
export {defaultSignalNames, type Vocabulary} from './vocabulary.js';
