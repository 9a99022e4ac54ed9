/** Jackson plumbing behind {@link chat.protocol.FrameCodec}; not API. */
package chat.protocol.internal;
