package chat.protocol;

/**
 * The skeleton of a room name: the {@link UsernameSkeleton} rules applied to the name after its
 * {@code #}, so that the relay can refuse a new room whose name could pass for an existing one's
 * ({@code #announcernents} beside {@code #announcements}, {@code #0ps} beside {@code #ops}). Room
 * names are lowercase ({@link ConversationIds#isRoom}), so of those rules only these apply: {@code
 * 1} becomes {@code l} and {@code 0} becomes {@code o}; {@code m}, {@code w} and {@code d} become
 * {@code rn}, {@code vv} and {@code cl}; {@code _} and {@code -} are one class, and a run of them
 * counts as one.
 *
 * <p>Changing these rules changes stored skeletons: the relay would need a new schema step that
 * computes them again.
 */
public final class RoomSkeleton {
  private RoomSkeleton() {}

  /**
   * The skeleton of the room {@code room} ({@code #name}), without the {@code #}; at most twice the
   * name's length.
   *
   * @throws IllegalArgumentException if {@code room} is not a valid room id
   */
  public static String of(String room) {
    if (!ConversationIds.isRoom(room)) {
      throw new IllegalArgumentException("not a valid room id");
    }
    return UsernameSkeleton.fold(room, 1);
  }
}
