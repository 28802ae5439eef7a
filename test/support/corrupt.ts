/**
 * Seeded corruption of cache files, for the tests that check a cache is refused or exactly right, never
 * accepted and wrong: flipped, deleted and duplicated bytes, truncation, and for JSON files the same on fields.
 */

/** One corrupted copy of `good` and what was done to it (for the failure message). */
export interface Corruption {
	readonly bytes: Buffer;
	readonly how: string;
}

/** A random corruption of `good`; with `json`, half of them work on the fields of the parsed document. */
export function corrupt(good: Buffer, random: () => number, json = false): Corruption {
	const pick = (n: number) => Math.floor(random() * n);
	if (json && random() < 0.5) {
		return corruptFields(good, random);
	}
	const at = pick(good.length);
	const span = 1 + pick(Math.min(64, good.length - at));
	switch (pick(6)) {
		case 0: {
			const bytes = Buffer.from(good);
			bytes[at] ^= 1 << pick(8);
			return { bytes, how: `bit flipped at byte ${at}` };
		}
		case 1:
			return { bytes: Buffer.concat([good.subarray(0, at), good.subarray(at + span)]), how: `${span} bytes deleted at ${at}` };
		case 2:
			return { bytes: Buffer.concat([good.subarray(0, at + span), good.subarray(at, at + span), good.subarray(at + span)]), how: `${span} bytes duplicated at ${at}` };
		case 3:
			return { bytes: good.subarray(0, at), how: `truncated to ${at} bytes` };
		case 4: {
			const bytes = Buffer.from(good);
			bytes[at] = pick(256);
			return { bytes, how: `byte ${at} replaced` };
		}
		default:
			return { bytes: Buffer.concat([good.subarray(0, at), Buffer.from([pick(256)]), good.subarray(at)]), how: `a byte inserted at ${at}` };
	}
}

/** Deletes, duplicates, nulls, retypes or nudges one value somewhere in a JSON document. */
function corruptFields(good: Buffer, random: () => number): Corruption {
	const pick = (n: number) => Math.floor(random() * n);
	const doc: unknown = JSON.parse(good.toString('utf8'));
	if (random() < 0.05) {
		return { bytes: Buffer.from(['null', '[]', '{}', '0', '""'][pick(5)]), how: 'the whole document replaced' };
	}
	// Every container and key in the document, to pick one uniformly.
	const slots: [Record<string, unknown> | unknown[], string | number][] = [];
	const walk = (value: unknown) => {
		if (Array.isArray(value)) {
			value.forEach((v, i) => {
				slots.push([value, i]);
				walk(v);
			});
		} else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) {
				slots.push([value as Record<string, unknown>, k]);
				walk(v);
			}
		}
	};
	walk(doc);
	if (slots.length === 0) {
		return { bytes: Buffer.from('null'), how: 'an empty document replaced' };
	}
	const [container, key] = slots[pick(slots.length)];
	const old = (container as Record<string | number, unknown>)[key];
	let how: string;
	switch (pick(6)) {
		case 0:
			if (Array.isArray(container)) container.splice(key as number, 1);
			else delete container[key as string];
			how = `deleted ${String(key)}`;
			break;
		case 1:
			if (Array.isArray(container)) {
				container.splice(key as number, 0, structuredClone(old));
			} else {
				// A duplicated key: JSON.parse keeps the last, so the duplicate gets another value.
				const text = JSON.stringify(doc);
				const name = JSON.stringify(key);
				const at = text.indexOf(`${name}:`);
				return { bytes: Buffer.from(text.slice(0, at) + `${name}:${JSON.stringify(nudge(old, random))},` + text.slice(at)), how: `duplicated key ${String(key)}` };
			}
			how = `duplicated element ${String(key)}`;
			break;
		case 2:
			(container as Record<string | number, unknown>)[key] = null;
			how = `${String(key)} set to null`;
			break;
		case 3:
			(container as Record<string | number, unknown>)[key] = typeof old === 'string' ? 1 : String(old);
			how = `${String(key)} retyped`;
			break;
		case 4:
			if (Array.isArray(container) && container.length > 1) {
				const other = pick(container.length);
				[container[key as number], container[other]] = [container[other], container[key as number]];
				how = `elements ${String(key)} and ${other} swapped`;
				break;
			}
			(container as Record<string | number, unknown>)[key] = nudge(old, random);
			how = `${String(key)} changed`;
			break;
		default:
			(container as Record<string | number, unknown>)[key] = nudge(old, random);
			how = `${String(key)} changed`;
	}
	return { bytes: Buffer.from(JSON.stringify(doc)), how };
}

function nudge(value: unknown, random: () => number): unknown {
	if (typeof value === 'number') return value + (random() < 0.5 ? 1 : -1);
	if (typeof value === 'string') return value.length > 0 ? value.slice(0, -1) + (value.endsWith('a') ? 'b' : 'a') : 'x';
	if (typeof value === 'boolean') return !value;
	if (Array.isArray(value)) return value.slice(0, -1);
	return {};
}
