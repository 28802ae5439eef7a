/** The abstract panel's page script (runs in the webview, bundled for the browser). */
export {};
