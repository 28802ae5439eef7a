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

	/** Shows `diagnostics` for the digest `source`, replacing its earlier ones; `bytes` give the lines' lengths. */
	publish(source: DigestSource, diagnostics: readonly DigestDiagnostic[], bytes: Uint8Array | undefined): void {
		if (source.origin !== 'bundled') {
			this._collection.set(source.uri, toVsDiagnostics(diagnostics, bytes));
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

/** Digest diagnostics as editor diagnostics, each spanning the rest of its line. */
function toVsDiagnostics(diagnostics: readonly DigestDiagnostic[], bytes: Uint8Array | undefined): vscode.Diagnostic[] {
	if (diagnostics.length === 0) {
		return [];
	}
	const lines = bytes ? new TextDecoder().decode(bytes).split(/\r?\n/) : [];
	return diagnostics.map((d) => {
		const line = Math.max(0, d.line - 1);
		const start = Math.max(0, (d.column ?? 1) - 1);
		const end = Math.max(start + 1, lines[line]?.length ?? start + 1);
		const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), plainText(d.message), severities[d.severity]);
		diagnostic.source = 'Paper Shelf';
		return diagnostic;
	});
}
