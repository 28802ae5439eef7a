import * as vscode from 'vscode';
import type { DigestDiagnostic } from '../../core/model';
import { plainText } from '../../core/text/untrustedText';
import { Disposable } from '../util/disposable';
import type { DigestSource } from './digestSources';

/**
 * Publishes what parsing found wrong in each digest as editor diagnostics (the Problems view), and takes
 * them away with the digest. The bundled digest is the extension's own: its diagnostics are not shown.
 */
export class DiagnosticsPublisher extends Disposable {
	private readonly _collection = this._register(vscode.languages.createDiagnosticCollection('paper-shelf'));

	/** Shows `diagnostics` for the digest `source`, replacing its earlier ones; `lineLengths` (from `diagnosticLineLengths`) span their lines. */
	publish(source: DigestSource, diagnostics: readonly DigestDiagnostic[], lineLengths: ReadonlyMap<number, number> | undefined): void {
		if (source.origin !== 'bundled') {
			this._collection.set(source.uri, toVsDiagnostics(diagnostics, lineLengths));
		}
	}

	/** Takes away the diagnostics of the digest at `uri`. */
	clear(uri: vscode.Uri): void {
		this._collection.delete(uri);
	}
}

const severities: Record<DigestDiagnostic['severity'], vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
};

/**
 * The length (in characters, without its line break) of each line of `bytes` a diagnostic is on, by 1-based line:
 * what the Problems view needs of a digest's content, so the content itself need not be kept (a large digest's
 * bytes are let go before it is indexed). Only those lines are decoded.
 */
export function diagnosticLineLengths(diagnostics: readonly DigestDiagnostic[], bytes: Uint8Array): ReadonlyMap<number, number> {
	const lengths = new Map<number, number>();
	const wanted = new Set(diagnostics.map((d) => Math.max(1, d.line)));
	const decoder = new TextDecoder();
	let start = 0;
	for (let line = 1; wanted.size > lengths.size && start <= bytes.length; line++) {
		let end = bytes.indexOf(0x0a, start);
		if (end < 0) end = bytes.length;
		if (wanted.has(line)) {
			const stop = end > start && bytes[end - 1] === 0x0d && end < bytes.length ? end - 1 : end;
			lengths.set(line, decoder.decode(bytes.subarray(start, stop)).length);
		}
		start = end + 1;
	}
	return lengths;
}

/** Digest diagnostics as editor diagnostics, each spanning the rest of its line. */
function toVsDiagnostics(diagnostics: readonly DigestDiagnostic[], lineLengths: ReadonlyMap<number, number> | undefined): vscode.Diagnostic[] {
	return diagnostics.map((d) => {
		const line = Math.max(0, d.line - 1);
		const start = Math.max(0, (d.column ?? 1) - 1);
		const end = Math.max(start + 1, lineLengths?.get(line + 1) ?? start + 1);
		const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), plainText(d.message), severities[d.severity]);
		diagnostic.source = 'Paper Shelf';
		return diagnostic;
	});
}
