package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.protocol.ProtocolVersions;

/**
 * What a request kind needs of its connection before it is handled. Each level needs the ones
 * before it too, and {@link #check} refuses in that order: a hello first ({@link
 * ErrorCode#HELLO_REQUIRED}), then a login ({@link ErrorCode#AUTH_REQUIRED}), then wire version 2
 * ({@link ErrorCode#BAD_FRAME}).
 */
enum Requirement {
  /** Nothing: the hello itself, which picks the wire version. */
  NOTHING,
  /**
   * A hello: what a client may do before it logs in (ping, register, check_username, login,
   * resume).
   */
  HELLO,
  /** A hello and a session. */
  SESSION,
  /**
   * A hello, a session and wire version 2 ({@link ProtocolVersions#SOCIAL}) or later: files,
   * friends, groups, presence and the sessions list, whose replies a version 1 client could not
   * read.
   */
  SOCIAL;

  /**
   * Passes if {@code state} has what this level needs.
   *
   * @throws RelayException naming the first thing missing
   */
  void check(ConnectionState state) {
    if (this == NOTHING) {
      return;
    }
    if (state.version() == 0) {
      throw new RelayException(ErrorCode.HELLO_REQUIRED);
    }
    if (this != HELLO && state.userKey().isEmpty()) {
      throw new RelayException(ErrorCode.AUTH_REQUIRED);
    }
    if (this == SOCIAL) {
      requireVersion(state, ProtocolVersions.SOCIAL);
    }
  }

  /**
   * Passes if {@code state} agreed on wire version {@code version} or later. Else the request, of a
   * kind newer than the connection's version, is {@link ErrorCode#BAD_FRAME} ({@code this request
   * needs wire version N}); the connection survives.
   */
  static void requireVersion(ConnectionState state, int version) {
    if (state.version() < version) {
      throw new RelayException(ErrorCode.BAD_FRAME, "this request needs wire version " + version);
    }
  }
}
