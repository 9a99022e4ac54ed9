/**
 * The relay: {@link chat.server.Main} (the {@code chat-server} command), {@link chat.server.Relay}
 * (a running relay) and {@link chat.server.RelayConfig}; everything else is internal.
 */
package chat.server;
