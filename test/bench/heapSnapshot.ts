/**
 * Where the extension host's memory goes: reads a V8 .heapsnapshot (streamed: a 100k-paper host writes gigabytes, more
 * than one JS string can hold), builds the dominator tree (Lengauer–Tarjan, weak edges ignored, as DevTools does) and
 * sums every object's own size into the category of its nearest labelled dominator:
 *
 * - Paper objects (found by shape: id, title, abstract, authors, links, source) with whatever only they hold (their
 *   strings, author and keyword arrays, links);
 * - the parts of the library and of the search index, by field (`_papers`, `_byId`, `_digests`, `_derived`/`_topics`;
 *   `_table`, `_dictionary`, `_fields`, `_ranker`);
 * - every other instance of a class of src/ (PapersTree, SearchPapers, AbstractPanels, …), by class name;
 * - what is shared by several of those falls to the nearest object that holds all of it (often PaperLibrary itself);
 * - the rest (VS Code's extension host, code, other extensions) as "not Paper Shelf's".
 *
 * Also: the largest constructors by own size, and the strings (how many long ones are copies of another).
 *
 *   node out/test/bench/heapSnapshot.js FILE.heapsnapshot
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

interface SnapshotMeta {
	node_fields: string[];
	node_types: [string[], ...unknown[]];
	edge_fields: string[];
	edge_types: [string[], ...unknown[]];
}

interface Snapshot {
	meta: SnapshotMeta;
	nodes: Uint32Array;
	edges: Uint32Array;
	strings: string[];
}

/** Reads a .heapsnapshot with a byte-level state machine: header JSON, then the nodes and edges arrays into typed arrays, then the strings. */
export async function readHeapSnapshot(file: string): Promise<Snapshot> {
	let phase: 'header' | 'seekNodes' | 'nodes' | 'seekEdges' | 'edges' | 'seekStrings' | 'strings' | 'done' = 'header';
	let header = '';
	let meta: SnapshotMeta | undefined;
	let nodes = new Uint32Array(0);
	let edges = new Uint32Array(0);
	let at = 0;
	let num = 0;
	let hasDigit = false;
	const strings: string[] = [];
	let inString = false;
	let escaped = false;
	let parts: Buffer[] = [];
	let carry: Buffer = Buffer.alloc(0);
	const seek = (buf: Buffer, marker: string): number => {
		const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
		const i = joined.indexOf(marker, 0, 'latin1');
		if (i < 0) {
			carry = joined.subarray(Math.max(0, joined.length - marker.length));
			return -1;
		}
		const offsetInBuf = i + marker.length - (joined.length - buf.length);
		carry = Buffer.alloc(0);
		return offsetInBuf;
	};
	const stream = fs.createReadStream(file, { highWaterMark: 8 << 20 });
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		let buf = chunk;
		while (buf.length > 0 && phase !== 'done') {
			if (phase === 'header') {
				const decoder = new StringDecoder('utf8');
				header += decoder.write(buf);
				const i = header.indexOf('"nodes":[');
				if (i < 0) {
					buf = Buffer.alloc(0);
					continue;
				}
				const headerText = header.slice(0, i).trim().replace(/,$/, '') + '}';
				const parsed = JSON.parse(headerText) as { snapshot: { meta: SnapshotMeta; node_count: number; edge_count: number } };
				meta = parsed.snapshot.meta;
				nodes = new Uint32Array(parsed.snapshot.node_count * meta.node_fields.length);
				edges = new Uint32Array(parsed.snapshot.edge_count * meta.edge_fields.length);
				// Bytes of this chunk after the marker (the header is ASCII, so characters are bytes).
				const consumedBefore = Buffer.byteLength(header, 'utf8') - buf.length;
				buf = buf.subarray(i + '"nodes":['.length - consumedBefore);
				phase = 'nodes';
				at = 0;
				continue;
			}
			if (phase === 'nodes' || phase === 'edges') {
				const target = phase === 'nodes' ? nodes : edges;
				let i = 0;
				for (; i < buf.length; i++) {
					const c = buf[i];
					if (c >= 48 && c <= 57) {
						num = num * 10 + (c - 48);
						hasDigit = true;
					} else if (c === 93 /* ] */) {
						if (hasDigit) {
							target[at++] = num;
						}
						num = 0;
						hasDigit = false;
						break;
					} else if (hasDigit) {
						target[at++] = num;
						num = 0;
						hasDigit = false;
					}
				}
				if (i < buf.length) {
					if (at !== target.length) {
						throw new Error(`${file}: ${phase} has ${at} numbers, the header says ${target.length}`);
					}
					phase = phase === 'nodes' ? 'seekEdges' : 'seekStrings';
					buf = buf.subarray(i + 1);
				} else {
					buf = Buffer.alloc(0);
				}
				continue;
			}
			if (phase === 'seekEdges' || phase === 'seekStrings') {
				const marker = phase === 'seekEdges' ? '"edges":[' : '"strings":[';
				const i = seek(buf, marker);
				if (i < 0) {
					buf = Buffer.alloc(0);
				} else {
					buf = buf.subarray(i);
					phase = phase === 'seekEdges' ? 'edges' : 'strings';
					at = 0;
				}
				continue;
			}
			if (phase === 'strings') {
				let start = inString ? 0 : -1;
				let i = 0;
				for (; i < buf.length; i++) {
					const c = buf[i];
					if (inString) {
						if (escaped) {
							escaped = false;
						} else if (c === 92 /* \ */) {
							escaped = true;
						} else if (c === 34 /* " */) {
							parts.push(buf.subarray(start, i));
							strings.push(JSON.parse('"' + Buffer.concat(parts).toString('utf8') + '"') as string);
							parts = [];
							inString = false;
						}
					} else if (c === 34) {
						inString = true;
						start = i + 1;
					} else if (c === 93) {
						phase = 'done';
						break;
					}
				}
				if (inString) {
					parts.push(Buffer.from(buf.subarray(start)));
				}
				buf = Buffer.alloc(0);
			}
		}
	}
	if (!meta || phase !== 'done') {
		throw new Error(`${file}: not a complete heap snapshot (stopped in ${phase})`);
	}
	return { meta, nodes, edges, strings };
}

export interface Category {
	name: string;
	bytes: number;
	objects: number;
}

export interface Breakdown {
	file: string;
	totalBytes: number;
	nodeCount: number;
	categories: Category[];
	papers: number;
	constructors: { name: string; count: number; bytes: number }[];
	unlabelledConstructors: { name: string; count: number; bytes: number }[];
	strings: { count: number; bytes: number; long: number; longDistinct: number; longBytes: number; longCopyBytes: number; sliced: number; concatenated: number };
	copies: { name: string; count: number; bytes: number }[];
}

/** Class names declared in src/ (the development build keeps them as constructor names). */
function shelfClassNames(): Set<string> {
	const names = new Set<string>();
	const src = path.resolve(__dirname, '../../../src');
	for (const f of fs.readdirSync(src, { recursive: true, encoding: 'utf8' })) {
		if (f.endsWith('.ts')) {
			for (const m of fs.readFileSync(path.join(src, f), 'utf8').matchAll(/\bclass\s+([A-Z]\w*)/g)) {
				names.add(m[1]);
			}
		}
	}
	return names;
}

export async function analyzeHeapSnapshot(file: string): Promise<Breakdown> {
	const { meta, nodes, edges, strings } = await readHeapSnapshot(file);
	const NF = meta.node_fields.length;
	const EF = meta.edge_fields.length;
	const nType = meta.node_fields.indexOf('type');
	const nName = meta.node_fields.indexOf('name');
	const nSize = meta.node_fields.indexOf('self_size');
	const nEdges = meta.node_fields.indexOf('edge_count');
	const eType = meta.edge_fields.indexOf('type');
	const eName = meta.edge_fields.indexOf('name_or_index');
	const eTo = meta.edge_fields.indexOf('to_node');
	const nodeTypes = meta.node_types[0];
	const edgeTypes = meta.edge_types[0];
	const WEAK = edgeTypes.indexOf('weak');
	const named = new Set([edgeTypes.indexOf('context'), edgeTypes.indexOf('property'), edgeTypes.indexOf('internal'), edgeTypes.indexOf('shortcut'), WEAK]);
	const OBJECT = nodeTypes.indexOf('object');
	const STRING = nodeTypes.indexOf('string');
	const CONS = nodeTypes.indexOf('concatenated string');
	const SLICED = nodeTypes.indexOf('sliced string');
	const n = nodes.length / NF;
	const firstEdge = new Uint32Array(n + 1);
	for (let i = 0; i < n; i++) {
		firstEdge[i + 1] = firstEdge[i] + nodes[i * NF + nEdges];
	}
	const essential = (e: number) => edges[e * EF + eType] !== WEAK;
	const target = (e: number) => edges[e * EF + eTo] / NF;

	// --- dominators (Lengauer–Tarjan, simple version), from the root node 0
	const dfnum = new Int32Array(n).fill(-1);
	const vertex = new Int32Array(n);
	const parent = new Int32Array(n).fill(-1);
	const stackNode = new Int32Array(n);
	const stackEdge = new Uint32Array(n);
	let count = 0;
	let sp = 0;
	dfnum[0] = count;
	vertex[count++] = 0;
	stackNode[0] = 0;
	stackEdge[0] = firstEdge[0];
	sp = 1;
	while (sp > 0) {
		const v = stackNode[sp - 1];
		const e = stackEdge[sp - 1];
		if (e >= firstEdge[v + 1]) {
			sp--;
			continue;
		}
		stackEdge[sp - 1] = e + 1;
		if (!essential(e)) {
			continue;
		}
		const w = target(e);
		if (dfnum[w] === -1) {
			dfnum[w] = count;
			vertex[count++] = w;
			parent[w] = v;
			stackNode[sp] = w;
			stackEdge[sp] = firstEdge[w];
			sp++;
		}
	}
	// Predecessors (reachable ones, essential edges), as CSR.
	const predStart = new Uint32Array(n + 1);
	for (let v = 0; v < n; v++) {
		if (dfnum[v] === -1) {
			continue;
		}
		for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
			if (essential(e)) {
				predStart[target(e) + 1]++;
			}
		}
	}
	for (let i = 0; i < n; i++) {
		predStart[i + 1] += predStart[i];
	}
	const preds = new Uint32Array(predStart[n]);
	const fill = predStart.slice(0, n);
	for (let v = 0; v < n; v++) {
		if (dfnum[v] === -1) {
			continue;
		}
		for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
			if (essential(e)) {
				preds[fill[target(e)]++] = v;
			}
		}
	}
	const semi = new Int32Array(n);
	const label = new Int32Array(n);
	const ancestor = new Int32Array(n).fill(-1);
	const idom = new Int32Array(n).fill(-1);
	const bucketHead = new Int32Array(n).fill(-1);
	const bucketNext = new Int32Array(n).fill(-1);
	for (let v = 0; v < n; v++) {
		semi[v] = dfnum[v];
		label[v] = v;
	}
	const path_ = new Int32Array(n);
	const evaluate = (v: number): number => {
		if (ancestor[v] === -1) {
			return v;
		}
		let len = 0;
		let u = v;
		while (ancestor[ancestor[u]] !== -1) {
			path_[len++] = u;
			u = ancestor[u];
		}
		while (len > 0) {
			u = path_[--len];
			const a = ancestor[u];
			if (semi[label[a]] < semi[label[u]]) {
				label[u] = label[a];
			}
			ancestor[u] = ancestor[a];
		}
		return label[v];
	};
	for (let i = count - 1; i >= 1; i--) {
		const w = vertex[i];
		for (let k = predStart[w]; k < predStart[w + 1]; k++) {
			const u = evaluate(preds[k]);
			if (semi[u] < semi[w]) {
				semi[w] = semi[u];
			}
		}
		const s = vertex[semi[w]];
		bucketNext[w] = bucketHead[s];
		bucketHead[s] = w;
		const p = parent[w];
		ancestor[w] = p;
		for (let v = bucketHead[p]; v !== -1; v = bucketNext[v]) {
			const u = evaluate(v);
			idom[v] = semi[u] < semi[v] ? u : p;
		}
		bucketHead[p] = -1;
	}
	for (let i = 1; i < count; i++) {
		const w = vertex[i];
		if (idom[w] !== vertex[semi[w]]) {
			idom[w] = idom[idom[w]];
		}
	}

	// --- labels
	const nameOf = (v: number) => strings[nodes[v * NF + nName]];
	const propsOf = (v: number): Map<string, number> => {
		const props = new Map<string, number>();
		for (let e = firstEdge[v]; e < firstEdge[v + 1]; e++) {
			const t = edges[e * EF + eType];
			if (named.has(t)) {
				props.set(strings[edges[e * EF + eName]], target(e));
			}
		}
		return props;
	};
	const labels = new Map<number, string>();
	const classes = shelfClassNames();
	const paperShape = ['id', 'title', 'abstract', 'authors', 'links', 'source'];
	let papers = 0;
	const fieldLabels: [string[], Record<string, string>][] = [
		[['_papers', '_index', '_byId', '_digests'], { _papers: 'library: papers array', _byId: 'library: id → paper map', _digests: 'library: parsed digests', _derived: 'topics', _topics: 'topics', _diagnostics: 'library: diagnostics' }],
		[['_table', '_dictionary', '_fields'], { _table: 'search: document table', _dictionary: 'search: term dictionary', _fields: 'search: FlexSearch field indexes', _ranker: 'search: ranker' }],
		[['_roots', '_library', '_groupBy'], { _roots: 'tree: PapersTree nodes' }],
	];
	for (let v = 0; v < n; v++) {
		if (nodes[v * NF + nType] !== OBJECT || dfnum[v] === -1) {
			continue;
		}
		const name = nameOf(v);
		if (classes.has(name)) {
			labels.set(v, `class ${name} (what it alone holds)`);
		}
		const props = propsOf(v);
		if (paperShape.every((p) => props.has(p))) {
			labels.set(v, 'papers: Paper objects with their own strings and arrays');
			papers++;
			continue;
		}
		for (const [shape, fields] of fieldLabels) {
			if (shape.every((p) => props.has(p))) {
				for (const [field, category] of Object.entries(fields)) {
					const t = props.get(field);
					if (t !== undefined && nodes[t * NF + nType] !== STRING) {
						labels.set(t, category);
					}
				}
			}
		}
	}
	// Every reachable node takes the category of its nearest labelled dominator (dominators come first in DFS order).
	const categoryOf = new Int32Array(n).fill(-1);
	const categoryNames: string[] = ["not Paper Shelf's (VS Code's extension host, code, other extensions)"];
	const categoryIndex = new Map<string, number>([[categoryNames[0], 0]]);
	const totals: Category[] = [{ name: categoryNames[0], bytes: 0, objects: 0 }];
	let totalBytes = 0;
	const byConstructor = new Map<string, { count: number; bytes: number }>();
	const unlabelled = new Map<string, { count: number; bytes: number }>();
	const stringTypes = new Set([STRING, CONS, SLICED]);
	const longSeen = new Map<string, number>();
	/** For long strings held twice or more: which categories hold the first copy and the others. */
	const copyPairs = new Map<string, { count: number; bytes: number }>();
	const strStats = { count: 0, bytes: 0, long: 0, longDistinct: 0, longBytes: 0, longCopyBytes: 0, sliced: 0, concatenated: 0 };
	for (let i = 0; i < count; i++) {
		const v = vertex[i];
		const l = labels.get(v);
		let c: number;
		if (l !== undefined) {
			c = categoryIndex.get(l) ?? -1;
			if (c === -1) {
				c = categoryNames.push(l) - 1;
				categoryIndex.set(l, c);
				totals.push({ name: l, bytes: 0, objects: 0 });
			}
		} else {
			c = i === 0 ? 0 : categoryOf[idom[v]];
		}
		categoryOf[v] = c;
		const size = nodes[v * NF + nSize];
		totalBytes += size;
		totals[c].bytes += size;
		totals[c].objects++;
		const type = nodes[v * NF + nType];
		const key = type === OBJECT ? nameOf(v) : `(${nodeTypes[type]})`;
		const entry = byConstructor.get(key) ?? { count: 0, bytes: 0 };
		entry.count++;
		entry.bytes += size;
		byConstructor.set(key, entry);
		if (c === 0) {
			const u = unlabelled.get(key) ?? { count: 0, bytes: 0 };
			u.count++;
			u.bytes += size;
			unlabelled.set(key, u);
		}
		if (stringTypes.has(type)) {
			strStats.count++;
			strStats.bytes += size;
			if (type === SLICED) {
				strStats.sliced++;
			} else if (type === CONS) {
				strStats.concatenated++;
			} else {
				const s = nameOf(v);
				if (s.length >= 300) {
					strStats.long++;
					strStats.longBytes += size;
					const first = longSeen.get(s);
					if (first !== undefined) {
						strStats.longCopyBytes += size;
						const pair = `${categoryNames[first]} ⇄ ${categoryNames[c]}`;
						const p = copyPairs.get(pair) ?? { count: 0, bytes: 0 };
						p.count++;
						p.bytes += size;
						copyPairs.set(pair, p);
					} else {
						longSeen.set(s, c);
					}
				}
			}
		}
	}
	strStats.longDistinct = longSeen.size;
	const top = (m: Map<string, { count: number; bytes: number }>, k: number) =>
		[...m.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.bytes - a.bytes).slice(0, k);
	return {
		file,
		totalBytes,
		nodeCount: n,
		categories: totals.filter((t) => t.objects > 0).sort((a, b) => b.bytes - a.bytes),
		papers,
		constructors: top(byConstructor, 20),
		unlabelledConstructors: top(unlabelled, 10),
		strings: strStats,
		copies: top(copyPairs, 10),
	};
}

const MB = (b: number) => (b / 1048576).toFixed(1);

export function formatBreakdown(b: Breakdown): string {
	const out: string[] = [];
	out.push(`${MB(b.totalBytes)} MB reachable in ${b.nodeCount.toLocaleString('en-US')} heap objects; ${b.papers.toLocaleString('en-US')} Paper objects.`);
	out.push('', '| retained by (nearest labelled dominator) | MB | share | objects |', '|---|---:|---:|---:|');
	for (const c of b.categories) {
		out.push(`| ${c.name} | ${MB(c.bytes)} | ${((100 * c.bytes) / b.totalBytes).toFixed(1)} % | ${c.objects.toLocaleString('en-US')} |`);
	}
	out.push('', '| largest constructors (own size, all categories) | count | MB |', '|---|---:|---:|');
	for (const c of b.constructors) {
		out.push(`| ${c.name.replace(/\|/g, '\\|').slice(0, 60)} | ${c.count.toLocaleString('en-US')} | ${MB(c.bytes)} |`);
	}
	out.push('', "| largest constructors in \"not Paper Shelf's\" | count | MB |", '|---|---:|---:|');
	for (const c of b.unlabelledConstructors) {
		out.push(`| ${c.name.replace(/\|/g, '\\|').slice(0, 60)} | ${c.count.toLocaleString('en-US')} | ${MB(c.bytes)} |`);
	}
	const s = b.strings;
	out.push('', `Strings: ${s.count.toLocaleString('en-US')} (${MB(s.bytes)} MB own size; ${s.sliced.toLocaleString('en-US')} sliced, ${s.concatenated.toLocaleString('en-US')} concatenated). ` +
		`Long ones (≥ 300 characters, i.e. abstracts and the like): ${s.long.toLocaleString('en-US')} (${MB(s.longBytes)} MB), ${s.longDistinct.toLocaleString('en-US')} distinct, so ${(s.long - s.longDistinct).toLocaleString('en-US')} copies holding ${MB(s.longCopyBytes)} MB.`);
	if (b.copies.length) {
		out.push('', '| where the copies of long strings are (category of the first ⇄ of the copy) | copies | MB |', '|---|---:|---:|');
		for (const c of b.copies) {
			out.push(`| ${c.name} | ${c.count.toLocaleString('en-US')} | ${MB(c.bytes)} |`);
		}
	}
	return out.join('\n');
}

if (require.main === module) {
	const file = process.argv[2];
	if (!file) {
		console.error('usage: node out/test/bench/heapSnapshot.js FILE.heapsnapshot');
		process.exit(2);
	}
	analyzeHeapSnapshot(file).then(
		(b) => console.log(formatBreakdown(b)),
		(e: unknown) => {
			console.error(e instanceof Error ? e.stack ?? e.message : String(e));
			process.exit(1);
		},
	);
}
