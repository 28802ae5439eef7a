import * as vscode from 'vscode';
import { iconLabelText, markdownText, messageText } from '../../core/text/untrustedText';

/**
 * The one way Paper Shelf puts text on VS Code's notification, status bar and Markdown surfaces, so that text from a
 * digest or a workspace file (a title, a file name) can never become a link, an icon or a command there. ESLint
 * forbids calling `show*Message`, `setStatusBarMessage`, `new MarkdownString` and `appendText` anywhere else.
 * Quick pick items go through `iconLabelText`, tree items and tab titles through `plainText` (src/core/text).
 */

// --- notifications

/**
 * Shows a notification. The whole message is neutralised (`messageText`): Paper Shelf never puts a link into one, so
 * any `[label](target)` in it came from a file name or a digest and is shown as text.
 */
export const notify = {
	info: (message: string, ...actions: string[]): Thenable<string | undefined> => vscode.window.showInformationMessage(messageText(message), ...actions),
	warning: (message: string, ...actions: string[]): Thenable<string | undefined> => vscode.window.showWarningMessage(messageText(message), ...actions),
	error: (message: string, ...actions: string[]): Thenable<string | undefined> => vscode.window.showErrorMessage(messageText(message), ...actions),
};

/**
 * Asks a question in a modal dialog; true when the user chose `confirm` (cancelling is no). The message and the detail
 * are neutralised like a notification's.
 */
export async function confirmModal(message: string, detail: string, confirm: string): Promise<boolean> {
	return (await vscode.window.showWarningMessage(messageText(message), { modal: true, detail: messageText(detail) }, confirm)) === confirm;
}

// --- status bar

/**
 * Shows `text` in the status bar for `timeoutMs`, after the codicon `icon` (one of Paper Shelf's own, e.g. `quote`).
 * The text is neutralised (`iconLabelText`): a `$(name)` in a key or a file name shows as text, not as an icon.
 */
export function statusMessage(icon: string, text: string, timeoutMs: number): vscode.Disposable {
	return vscode.window.setStatusBarMessage(`$(${icon}) ${iconLabelText(text)}`, timeoutMs);
}

// --- Markdown

/**
 * A Markdown string for hovers, tooltips and completion documentation that show digest or workspace text: not trusted
 * (no command links), no HTML, no theme icons. Add Paper Shelf's own markup with `appendMarkdown` and every untrusted
 * string with `appendUntrusted`, never with `appendText` (VS Code's escaping leaves autolinks such as `<https://…>`).
 */
export function untrustedMarkdown(): vscode.MarkdownString {
	const md = new vscode.MarkdownString('', false);
	md.isTrusted = false;
	md.supportHtml = false;
	md.supportThemeIcons = false;
	return md;
}

/** Appends `text` as literal text (`markdownText`: every Markdown character escaped, URLs not clickable). */
export function appendUntrusted(md: vscode.MarkdownString, text: string): vscode.MarkdownString {
	return md.appendMarkdown(markdownText(text));
}
