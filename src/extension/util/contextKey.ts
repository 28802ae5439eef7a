import * as vscode from 'vscode';

/** A typed `setContext` key that only calls into the workbench when its value changes. */
export class ContextKey<T extends string | boolean> {
	private _value: T | undefined;

	constructor(private readonly _name: string) {}

	get value(): T | undefined {
		return this._value;
	}

	set(value: T): void {
		if (this._value === value) {
			return;
		}
		this._value = value;
		void vscode.commands.executeCommand('setContext', this._name, value);
	}
}
