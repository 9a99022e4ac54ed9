/**
 * The client core's API, shared by the full-screen TUI, the line mode and the scripting commands: a
 * {@link chat.cli.client.ChatClient} session with the relay and the events it reports.
 */
package chat.cli.client;
