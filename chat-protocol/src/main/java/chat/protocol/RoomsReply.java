package chat.protocol;

import java.util.List;
import java.util.Objects;

/** Lists the rooms. */
public record RoomsReply(String re, List<RoomInfo> rooms) implements Reply {
  /** Validates the fields. */
  public RoomsReply {
    re = RequestIds.require(re, "re");
    rooms = List.copyOf(Objects.requireNonNull(rooms, "rooms"));
  }
}
