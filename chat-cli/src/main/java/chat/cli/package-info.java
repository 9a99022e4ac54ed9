/**
 * The {@code chat} command line: picocli commands for identities and offline sealing and opening of
 * envelopes, built in {@link chat.cli.Main} from one {@link chat.cli.CliContext}.
 */
package chat.cli;
