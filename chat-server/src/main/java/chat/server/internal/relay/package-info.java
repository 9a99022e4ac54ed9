/**
 * The relay logic, independent of Netty: accounts and sessions, rooms, sending with every check,
 * history and sync, fan-out through a {@link chat.server.internal.relay.Router}, and the one
 * request dispatcher.
 */
package chat.server.internal.relay;
