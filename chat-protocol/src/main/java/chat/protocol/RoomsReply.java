package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Objects;

/**
 * Lists the rooms. From wire version 5 it is one page: {@code next}, when not null, is the last
 * room listed and more follow it (ask again with {@code after = next}); null (absent on the wire)
 * on the last page and always before version 5.
 */
public record RoomsReply(String re, List<RoomInfo> rooms, String next) implements Reply {
  /** Validates the fields. */
  @JsonCreator
  public RoomsReply {
    re = RequestIds.require(re, "re");
    rooms = List.copyOf(Objects.requireNonNull(rooms, "rooms"));
    next = next == null ? null : ConversationIds.requireRoom(next);
  }

  /** A complete list, in one reply. */
  public RoomsReply(String re, List<RoomInfo> rooms) {
    this(re, rooms, null);
  }
}
