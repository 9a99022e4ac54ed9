/**
 * The full-screen terminal UI: a Lanterna screen with a conversation list, message pane, member
 * list, status bar and input line, driving a {@link chat.cli.client.ChatClient} through the
 * slash-command layer. {@link chat.cli.tui.ChatTui} is the entry point.
 */
package chat.cli.tui;
