/**
 * The line-mode front end: a JLine REPL that runs typed lines through the shared command layer and
 * prints incoming messages and events above the prompt, one cleaned line per event.
 */
package chat.cli.line;
