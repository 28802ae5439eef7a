/**
 * Judged queries for the benchmark's quality column, written down before any library was run.
 *
 * Each target paper is among the first 1,000 lines of papers-130k.jsonl.gz (the benchmarks' corpus), so every
 * scale (1k … 130k) holds it; at larger scales more papers compete for the top 10. A query passes when
 * every id in `mustFind` is in the library's top 10. Chosen by reading the records: distinctive title
 * words, a word of the abstract, an author, a prefix as typed, or one typo.
 */
export interface JudgedQuery {
	readonly query: string;
	readonly mustFind: readonly string[];
	readonly reason: string;
}

export const judgedQueries: readonly JudgedQuery[] = [
	{ query: 'BitsFusion weight quantization diffusion', mustFind: ['2406.04333'], reason: 'title "BitsFusion: 1.99 bits Weight Quantization of Diffusion Model"' },
	{ query: 'road less scheduled', mustFind: ['2405.15682'], reason: 'the whole title "The Road Less Scheduled" (Defazio)' },
	{ query: 'infini-gram trillion tokens', mustFind: ['2401.17377'], reason: 'title "Infini-gram: Scaling Unbounded n-gram Language Models to a Trillion Tokens"' },
	{ query: 'transformers arithmetic embeddings', mustFind: ['2405.17399'], reason: 'title "Transformers Can Do Arithmetic with the Right Embeddings"' },
	{ query: 'hedgehog porcupine linear attention', mustFind: ['2402.04347'], reason: 'title "The Hedgehog & the Porcupine: Expressive Linear Attentions with Softmax Mimicry"' },
	{ query: 'carlini stealing language model', mustFind: ['2403.06634'], reason: 'author Nicholas Carlini + title "Stealing Part of a Production Language Model"' },
	{ query: 'mixture of depths', mustFind: ['2404.02258'], reason: 'title "Mixture-of-Depths: Dynamically allocating compute in transformer-based language models"' },
	{ query: 'moe-mamba selective state spa', mustFind: ['2401.04081'], reason: 'prefix as typed: "MoE-Mamba: Efficient Selective State Space Models with Mixture of Experts"' },
	{ query: 'infinte-llm distattention', mustFind: ['2401.02669'], reason: 'one typo (infinte): "Infinite-LLM: … with DistAttention and Distributed KVCache"' },
	{ query: 'chronos time series', mustFind: ['2403.07815'], reason: 'title "Chronos: Learning the Language of Time Series"' },
	{ query: 'vitar vision transformer any resolution', mustFind: ['2403.18361'], reason: 'title "ViTAR: Vision Transformer with Any Resolution"' },
	{ query: 'panda-70m video captioning', mustFind: ['2402.19479'], reason: 'title "Panda-70M: Captioning 70M Videos with Multiple Cross-Modality Teachers"' },
	{ query: 'rewardbench evaluating reward modles', mustFind: ['2403.13787'], reason: 'one typo (modles): "RewardBench: Evaluating Reward Models for Language Modeling"' },
	{ query: 'blackmamba', mustFind: ['2402.01771'], reason: 'a one-word name: "BlackMamba: Mixture of Experts for State-Space Models"' },
];

/** The prefixes typed on the way to a word: `q`, `qu`, … `quantization`. */
export function typedPrefixes(word: string): string[] {
	return Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));
}

/** 2–3-word queries for the latency columns (common research vocabulary, last word complete). */
export const multiWordQueries: readonly string[] = [
	'diffusion model',
	'large language model',
	'vision transformer',
	'reinforcement learning robot',
	'graph neural network',
	'image segmentation',
	'speech recognition',
	'protein structure prediction',
	'knowledge distillation',
	'retrieval augmented generation',
];

/**
 * The topical-precision set of `npm run bench:relevance` (issue 15). Its judging rule was written down here before
 * any run, and is applied mechanically:
 *
 *   A result is relevant to a topical query when its title or its abstract — lower-cased, hyphens and slashes read
 *   as spaces — matches every one of the query's `concepts` (each a regular expression listing the accepted forms of
 *   one concept: singular/plural, spelled out or its usual acronym). Precision@10 is the share of the top 10 that is
 *   relevant (a library returning fewer than 10 results is charged for the empty places).
 *
 * The queries are topics a researcher browses for, typed the usual way (no quotes, last word complete).
 */
export interface TopicalQuery {
	readonly query: string;
	readonly concepts: readonly RegExp[];
}

export const topicalQueries: readonly TopicalQuery[] = [
	{ query: 'graph neural network accelerator', concepts: [/\bgraph neural networks?\b|\bgnns?\b/, /\baccelerat(or|ors|ion|ing)\b/] },
	{ query: 'gaussian splatting', concepts: [/\bgaussian splatting\b|\b3dgs\b/] },
	{ query: 'processing in memory', concepts: [/\bprocessing in memory\b|\bin memory (computing|computation|processing)\b|\bpim\b/] },
	{ query: 'mixture of experts routing', concepts: [/\bmixture of experts\b|\bmoe\b/, /\brout(e|es|er|ers|ing)\b/] },
	{ query: 'speculative decoding', concepts: [/\bspeculative decoding\b/] },
	{ query: 'retrieval augmented generation', concepts: [/\bretrieval augmented generation\b|\brag\b/] },
	{ query: 'diffusion transformer video', concepts: [/\bdiffusion transformers?\b|\bdits?\b/, /\bvideos?\b/] },
	{ query: 'kv cache compression', concepts: [/\bkv cache\b|\bkey value cache\b/, /\bcompress(ion|ed|ing|es)?\b|\bquantiz/] },
	{ query: 'neural radiance fields', concepts: [/\bneural radiance fields?\b|\bnerfs?\b/] },
	{ query: 'vision language action model robot', concepts: [/\bvision language action\b|\bvlas?\b/, /\brobot(s|ic|ics)?\b/] },
	{ query: 'protein structure prediction', concepts: [/\bprotein\b|\bproteins\b/, /\bstructures?\b/, /\bpredict(ion|ions|ing|s)?\b/] },
	{ query: 'sparse autoencoder interpretability', concepts: [/\bsparse autoencoders?\b|\bsaes?\b/, /\binterpretab(le|ility)\b/] },
];

/** Whether a paper is relevant to a topical query, by the rule above. */
export function topicallyRelevant(q: TopicalQuery, title: string, abstract: string): boolean {
	const text = `${title}\n${abstract}`.toLowerCase().replace(/[-/]/g, ' ');
	return q.concepts.every((c) => c.test(text));
}
