/** The operator CLI: picocli commands and the flag, environment and config-file resolution. */
package chat.server.internal.cli;
