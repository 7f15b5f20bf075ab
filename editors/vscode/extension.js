// Starts 'grader lsp' for Markdown files; everything else (findings, scores, hovers, fixes) comes from the server.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const config = vscode.workspace.getConfiguration('grader');
  const command = config.get('path', 'grader');
  const args = [...config.get('args', []), 'lsp', ...config.get('lspArgs', [])];
  client = new LanguageClient(
    'grader',
    'Grader',
    { command, args },
    { documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }] },
  );
  context.subscriptions.push(client);
  await client.start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
