/**
 * The Netty pipeline: transport choice, initializer, frame codec handlers and the session handler.
 */
package chat.server.internal.net;
