/** The BBQ bias benchmark's nine categories, plus other. A project may pass its own (--categories). */
export const defaultCategories = [
	'age',
	'disability',
	'gender identity',
	'nationality',
	'physical appearance',
	'race/ethnicity',
	'religion',
	'socioeconomic status',
	'sexual orientation',
	'other',
];
