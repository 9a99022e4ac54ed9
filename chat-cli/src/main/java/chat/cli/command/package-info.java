/**
 * The slash-command layer shared by the TUI, the line mode and {@code chat run}: parsing, the
 * handlers, help text and completion, all driving a {@link chat.cli.client.ChatClient}.
 */
package chat.cli.command;
