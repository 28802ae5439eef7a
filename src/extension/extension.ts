import * as vscode from 'vscode';

/** The composition root: builds every part of Paper Shelf and registers it. */
export function activate(_context: vscode.ExtensionContext): void {
	// Filled in by the foundation work.
}

export function deactivate(): void {
	// Nothing to release beyond context.subscriptions.
}
