import * as vscode from 'vscode';

/** A base class that owns disposables and releases them together (as in VS Code's own extensions). */
export abstract class Disposable implements vscode.Disposable {
	private _disposables: vscode.Disposable[] = [];
	private _isDisposed = false;

	protected get isDisposed(): boolean {
		return this._isDisposed;
	}

	protected _register<T extends vscode.Disposable>(value: T): T {
		if (this._isDisposed) {
			value.dispose();
		} else {
			this._disposables.push(value);
		}
		return value;
	}

	dispose(): void {
		if (this._isDisposed) {
			return;
		}
		this._isDisposed = true;
		for (const d of this._disposables.splice(0).reverse()) {
			d.dispose();
		}
	}
}
