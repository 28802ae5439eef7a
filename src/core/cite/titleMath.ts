/**
 * Math in paper titles. arXiv titles write math the TeX way, between dollar signs (`PanGu-$π$`, `MVD$^2$`,
 * `$\ell_1$`), and also use the dollar sign as money (`Earn $1 Million`). This module finds the math spans by
 * pandoc's own rule for `$…$`, so a title reads the same in the bibliography as in a Markdown note, and spells a span
 * for each target: LaTeX for BibTeX (unicode symbols as commands: `$\pi$`), and text with `<sup>`/`<sub>` for CSL-JSON,
 * whose rich text has no math.
 *
 * Everything is one linear pass: a `$` is tried as an opening delimiter once, and the text it spans is looked at once.
 */

/** A piece of a title: plain text, or the inside of a `$…$` math span (without the dollar signs). */
export interface TitleSegment {
	readonly math: boolean;
	readonly text: string;
}

function isSpace(c: string | undefined): boolean {
	return c !== undefined && /\s/.test(c);
}

/** True when `text` (a math span's inside) has balanced braces, counted as BibTeX counts them: escaped or not. */
function bracesBalance(text: string): boolean {
	let depth = 0;
	for (const c of text) {
		if (c === '{') {
			depth++;
		} else if (c === '}' && --depth < 0) {
			return false;
		}
	}
	return depth === 0;
}

/**
 * Splits a title into text and math. A math span is pandoc's inline math: a `$` not escaped by `\`, followed by a
 * non-space character that is not another `$`, up to the next `$`, which must follow a non-space character other
 * than `\` and not be followed by a digit (`$5 to $10` is money). A span whose braces do not balance is not math either,
 * so it can never unbalance a BibTeX field. Adjacent text segments are merged.
 */
export function splitTitleMath(title: string): TitleSegment[] {
	const segments: TitleSegment[] = [];
	let textStart = 0;
	let i = title.indexOf('$');
	while (i >= 0) {
		const opens = title[i - 1] !== '\\' && title[i + 1] !== undefined && !isSpace(title[i + 1]) && title[i + 1] !== '$';
		const j = opens ? title.indexOf('$', i + 1) : -1;
		if (j > i + 1 && !isSpace(title[j - 1]) && title[j - 1] !== '\\' && !/[0-9]/.test(title[j + 1] ?? '') && bracesBalance(title.slice(i + 1, j))) {
			if (i > textStart) {
				segments.push({ math: false, text: title.slice(textStart, i) });
			}
			segments.push({ math: true, text: title.slice(i + 1, j) });
			textStart = j + 1;
			i = title.indexOf('$', j + 1);
		} else {
			i = title.indexOf('$', i + 1);
		}
	}
	if (textStart < title.length) {
		segments.push({ math: false, text: title.slice(textStart) });
	}
	return segments;
}

/** Unicode math symbols and their LaTeX commands (math mode). */
const MATH_COMMANDS: Readonly<Record<string, string>> = {
	α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\epsilon', ϵ: '\\epsilon', ζ: '\\zeta', η: '\\eta',
	θ: '\\theta', ϑ: '\\vartheta', ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', µ: '\\mu', ν: '\\nu', ξ: '\\xi',
	π: '\\pi', ϖ: '\\varpi', ρ: '\\rho', ϱ: '\\varrho', σ: '\\sigma', ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon',
	φ: '\\phi', ϕ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
	Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi', Σ: '\\Sigma', Υ: '\\Upsilon',
	Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
	'×': '\\times', '·': '\\cdot', '÷': '\\div', '±': '\\pm', '∓': '\\mp', '≤': '\\leq', '≥': '\\geq', '≠': '\\neq',
	'≈': '\\approx', '≡': '\\equiv', '∼': '\\sim', '∝': '\\propto', '∞': '\\infty', ℓ: '\\ell', '∂': '\\partial',
	'∇': '\\nabla', '∑': '\\sum', '∏': '\\prod', '∫': '\\int', '√': '\\sqrt', '→': '\\rightarrow', '←': '\\leftarrow',
	'↔': '\\leftrightarrow', '⇒': '\\Rightarrow', '⇐': '\\Leftarrow', '⇔': '\\Leftrightarrow', '↦': '\\mapsto',
	'∈': '\\in', '∉': '\\notin', '⊂': '\\subset', '⊆': '\\subseteq', '⊃': '\\supset', '⊇': '\\supseteq', '∪': '\\cup',
	'∩': '\\cap', '∅': '\\emptyset', '∀': '\\forall', '∃': '\\exists', '¬': '\\neg', '∧': '\\wedge', '∨': '\\vee',
	'∘': '\\circ', '⊕': '\\oplus', '⊗': '\\otimes', '⊙': '\\odot', '…': '\\dots', '⋯': '\\cdots', '°': '^{\\circ}',
	'′': "'", '−': '-', ℝ: '\\mathbb{R}', ℕ: '\\mathbb{N}', ℤ: '\\mathbb{Z}', ℚ: '\\mathbb{Q}', ℂ: '\\mathbb{C}',
	'⟨': '\\langle', '⟩': '\\rangle', '‖': '\\|', '⊤': '\\top', '⊥': '\\bot', '†': '\\dagger', '★': '\\star',
};

/** Characters that break LaTeX in math mode unless escaped: `%` starts a comment, `#` and `&` are errors. */
const MATH_ESCAPES: Readonly<Record<string, string>> = { '%': '\\%', '#': '\\#', '&': '\\&' };

/**
 * The inside of a math span as LaTeX math: TeX commands (`\ell`, `\mathtt{…}`, `\%`) kept as written, unicode math
 * symbols as their commands (`π` → `\pi`, with a space before a following letter: `\pi r`), and `% # &` escaped.
 * Braces are kept (the span's braces balance, see `splitTitleMath`).
 */
export function latexMath(math: string): string {
	let out = '';
	for (let i = 0; i < math.length; i++) {
		const c = math[i];
		if (c === '\\') {
			// A command (`\pi`) or a control symbol (`\%`, `\{`) is copied whole, so its escaped character stays escaped.
			let end = i + 1;
			if (/[A-Za-z]/.test(math[end] ?? '')) {
				while (/[A-Za-z]/.test(math[end] ?? '')) {
					end++;
				}
			} else if (end < math.length) {
				end++;
			}
			out += math.slice(i, end);
			i = end - 1;
			continue;
		}
		const command = MATH_COMMANDS[c];
		if (command !== undefined) {
			out += command + (/^\\[A-Za-z]+$/.test(command) && /[A-Za-z]/.test(math[i + 1] ?? '') ? ' ' : '');
		} else {
			out += MATH_ESCAPES[c] ?? c;
		}
	}
	return out;
}

/** LaTeX math commands read back as unicode, for targets without math. */
const COMMAND_SYMBOLS: ReadonlyMap<string, string> = new Map([
	...Object.entries(MATH_COMMANDS).filter(([, command]) => /^\\[A-Za-z]+$/.test(command)).map(([symbol, command]) => [command.slice(1), symbol] as [string, string]),
	['epsilon', 'ε'], ['phi', 'φ'], ['mu', 'μ'], ['le', '≤'], ['ge', '≥'], ['ne', '≠'], ['to', '→'], ['ldots', '…'],
	['lbrace', '{'], ['rbrace', '}'], ['star', '★'], ['ast', '∗'], ['prime', '′'], ['cdot', '·'],
]);

/** Commands whose argument is shown as is (fonts and text in math): `\mathtt{[M]}` → `[M]`. */
const ARGUMENT_COMMANDS = /^(?:text|textrm|textsf|texttt|textbf|textit|textup|emph|mathrm|mathsf|mathtt|mathbf|mathit|mathcal|mathbb|mathfrak|mathscr|boldsymbol|bm|operatorname|mbox|hat|bar|tilde|vec|dot|ddot|overline|underline|widehat|widetilde)$/;

/** How deep `mathAsText` follows nested braced groups before flattening them. */
const MAX_GROUP_DEPTH = 8;

/** The characters of `text` that are not braces. */
function withoutBraces(text: string): string {
	return text.replace(/[{}]/g, '');
}

/**
 * The inside of a math span as plain text with `<sup>`/`<sub>` (CSL-JSON's rich text): known commands as unicode
 * (`\pi` → `π`), font commands as their argument, `^2`/`^{…}` and `_1`/`_{…}` as superscript/subscript, other braces
 * dropped, and the backslash of an unknown command dropped (`\foo` → `foo`). Groups nested deeper than
 * `MAX_GROUP_DEPTH` are flattened (their braces dropped), so hostile nesting costs no stack and stays linear.
 */
export function mathAsText(math: string, depth = 0): string {
	let out = '';
	let i = 0;
	/** The next "atom": a braced group, a command, or one character, as text. */
	const atom = (): string => {
		if (math[i] === '{') {
			let open = 0;
			const start = i;
			for (; i < math.length; i++) {
				if (math[i] === '{') {
					open++;
				} else if (math[i] === '}' && --open === 0) {
					i++;
					break;
				}
			}
			const inner = math.slice(start + 1, i - 1);
			return depth < MAX_GROUP_DEPTH ? mathAsText(inner, depth + 1) : withoutBraces(inner);
		}
		if (math[i] === '\\') {
			let end = i + 1;
			while (/[A-Za-z]/.test(math[end] ?? '')) {
				end++;
			}
			if (end === i + 1) {
				end = Math.min(i + 2, math.length);
			}
			const name = math.slice(i + 1, end);
			i = end;
			if (ARGUMENT_COMMANDS.test(name)) {
				while (math[i] === ' ') {
					i++;
				}
				return i < math.length ? atom() : '';
			}
			return COMMAND_SYMBOLS.get(name) ?? name;
		}
		return math[i++] ?? '';
	};
	while (i < math.length) {
		const c = math[i];
		if ((c === '^' || c === '_') && i + 1 < math.length) {
			i++;
			const tag = c === '^' ? 'sup' : 'sub';
			out += `<${tag}>${atom()}</${tag}>`;
		} else if (c === ' ' && out.endsWith(' ')) {
			i++;
		} else {
			out += atom();
		}
	}
	return out;
}

/**
 * True when a word's case must survive bibliography styles: an acronym or mixed case (`LLM`, `DeepSoCS`), or letters
 * with digits or an underscore (`T3`, `3D`, `L_2`), which name a thing rather than spell a word.
 */
export function needsCaseProtection(word: string): boolean {
	return word
		.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
		.split(/[-/]/)
		.some((part) => /^.+\p{Lu}/u.test(part) || (/\p{L}/u.test(part) && /[\p{N}_]/u.test(part)));
}

/** One unit of a title: a character of its text (with its offset in the whole title), or a math span. */
export type TitleUnit = { readonly math: false; readonly char: string; readonly at: number } | { readonly math: true; readonly tex: string };

/** The units of a flattened title, math spans found by `splitTitleMath`. */
function titleUnits(flat: string): TitleUnit[] {
	const units: TitleUnit[] = [];
	let at = 0;
	for (const segment of splitTitleMath(flat)) {
		if (segment.math) {
			units.push({ math: true, tex: segment.text });
			at += segment.text.length + 2;
		} else {
			for (const char of segment.text) {
				units.push({ math: false, char, at });
				at += char.length;
			}
		}
	}
	return units;
}

/**
 * A flattened title spelled unit by unit, each word that needs case protection (`needsCaseProtection`, or holding
 * math) having its core — first to last letter, digit or math span — wrapped by `protect`: `{DeepSoCS}:`, `({SoC})`.
 */
export function markTitle(flat: string, spell: (unit: TitleUnit) => string, protect: (core: string) => string): string {
	const words: TitleUnit[][] = [[]];
	for (const unit of titleUnits(flat)) {
		if (!unit.math && unit.char === ' ') {
			words.push([]);
		} else {
			words[words.length - 1].push(unit);
		}
	}
	const isCore = (u: TitleUnit) => u.math || /[\p{L}\p{N}]/u.test(u.char);
	return words
		.map((word) => {
			const text = word.map((u) => (u.math ? ' ' : u.char)).join('');
			const needed = word.some((u) => u.math) || needsCaseProtection(text);
			const coreStart = needed ? word.findIndex(isCore) : -1;
			if (coreStart < 0) {
				return word.map(spell).join('');
			}
			let coreEnd = word.length - 1;
			while (coreEnd > coreStart && !isCore(word[coreEnd])) {
				coreEnd--;
			}
			return word.slice(0, coreStart).map(spell).join('') + protect(word.slice(coreStart, coreEnd + 1).map(spell).join('')) + word.slice(coreEnd + 1).map(spell).join('');
		})
		.join(' ');
}

/**
 * A title for CSL-JSON, whose rich text has no math: math spans as text with `<sup>`/`<sub>` (`MVD$^2$` → `MVD<sup>2</sup>`,
 * `$\pi$` → `π`), and words whose capitals must stay in `<span class="nocase">`, CSL's case protection. No `$` of a
 * math span is left for a processor to print.
 */
export function cslTitle(title: string): string {
	const flat = title.replace(/\s+/g, ' ').trim();
	return markTitle(flat, (u) => (u.math ? mathAsText(u.tex) : u.char), (core) => (/\p{L}/u.test(core.replace(/<[^>]*>/g, '')) ? `<span class="nocase">${core}</span>` : core));
}
