/**
 * The relay wire protocol (versions 1 and 2): sealed sets of request, reply and event records and
 * {@link chat.protocol.FrameCodec}, which turns them into length-prefixed JSON frames and back; and
 * the few rules the client and the relay share beside it, such as {@link
 * chat.protocol.FolderOwners}.
 */
package chat.protocol;
