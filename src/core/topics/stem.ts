/**
 * A light English stemmer for grouping word forms ("quantization", "quantized", "quantize" → `quantiz`;
 * "serving", "serve" → `serv`). Keys are only compared, never shown: labels use the papers' own words.
 */

/** The grouping key of a lower-case word. */
export function stem(word: string): string {
	let w = word;
	if (w.length <= 3) {
		return w;
	}
	if (w.endsWith('ies') && w.length > 4) {
		w = w.slice(0, -3) + 'y';
	} else if (w.endsWith('sses')) {
		w = w.slice(0, -2);
	} else if (w.endsWith('s') && !/(ss|us|is|ics)$/.test(w)) {
		w = w.slice(0, -1);
	}
	const iz = /(ization|isation|izing|ized|izer|ize)$/.exec(w);
	if (iz && w.length - iz[0].length >= 3) {
		return w.slice(0, -iz[0].length) + 'iz';
	}
	if (w.endsWith('ation') && w.length >= 8) {
		w = w.slice(0, -5) + 'at';
	} else if (w.endsWith('ing') && w.length >= 7) {
		w = w.slice(0, -3);
	} else if (w.endsWith('ed') && w.length >= 6 && !w.endsWith('eed')) {
		w = w.slice(0, -2);
	}
	if (w.endsWith('e') && w.length >= 5) {
		w = w.slice(0, -1);
	}
	return w;
}
