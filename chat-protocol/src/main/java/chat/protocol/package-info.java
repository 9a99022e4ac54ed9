/**
 * The relay wire protocol, version 1: sealed sets of request, reply and event records and {@link
 * chat.protocol.FrameCodec}, which turns them into length-prefixed JSON frames and back.
 */
package chat.protocol;
