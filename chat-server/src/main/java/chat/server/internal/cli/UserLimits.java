package chat.server.internal.cli;

import chat.server.internal.storage.SuspensionRepository;
import chat.server.internal.storage.UserCounts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The relay's per-user limits as {@code chat-server users} compares them, and one user's line
 * against them.
 *
 * @param maxConversations rooms, groups and direct conversations one user may be in (following
 *     {@code --max-frame-bytes})
 * @param maxRoomsPerUser rooms and groups one user may have created ({@code --max-rooms-per-user}),
 *     unless the operator set a limit of their own for that user
 */
record UserLimits(int maxConversations, int maxRoomsPerUser) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** True if {@code count} is at or over either limit. */
  boolean reached(UserCounts.Count count) {
    return count.conversations() >= maxConversations || count.roomsCreated() >= maxRooms(count);
  }

  /**
   * The rooms {@code count}'s user may create: their own limit if they have one, else the relay's.
   */
  int maxRooms(UserCounts.Count count) {
    return count.ownMaxRooms().orElse(maxRoomsPerUser);
  }

  /**
   * {@code alice conversations=505/504 over-limit rooms-created=2/100}: each count over its limit,
   * then {@code own-limit} if that limit is the user's own (set with {@code users set-limit}), then
   * {@code at-limit} or {@code over-limit} when it has reached it; last, for a suspended account,
   * {@code suspended-since=2026-12-05T08:10:00Z} and the reason, if one was given, as {@code
   * reason="..."}.
   */
  String text(UserCounts.Count count) {
    return Printable.text(count.username())
        + " conversations="
        + count.conversations()
        + "/"
        + maxConversations
        + state(count.conversations(), maxConversations)
        + " rooms-created="
        + count.roomsCreated()
        + "/"
        + maxRooms(count)
        + (count.ownMaxRooms().isPresent() ? " own-limit" : "")
        + state(count.roomsCreated(), maxRooms(count))
        + count.suspension().map(UserLimits::suspended).orElse("");
  }

  private static String suspended(SuspensionRepository.Suspension suspension) {
    return " suspended-since="
        + since(suspension)
        + (suspension.reason().isEmpty()
            ? ""
            : " reason=\""
                + Printable.text(suspension.reason()).replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"");
  }

  /** {@link #json} if {@code json}, else {@link #text}. */
  String line(UserCounts.Count count, boolean json) {
    return json ? json(count) : text(count);
  }

  /** The same as one JSON object. */
  String json(UserCounts.Count count) {
    ObjectNode node = JSON.createObjectNode();
    node.put("user", count.username());
    node.put("conversations", count.conversations());
    node.put("maxConversations", maxConversations);
    node.put("roomsCreated", count.roomsCreated());
    node.put("maxRoomsPerUser", maxRooms(count));
    node.put("ownRoomLimit", count.ownMaxRooms().isPresent());
    node.put("suspended", count.suspension().isPresent());
    count
        .suspension()
        .ifPresent(
            suspension -> {
              node.put("suspendedSince", since(suspension));
              node.put("suspensionReason", suspension.reason());
            });
    return node.toString();
  }

  /** When {@code suspension} began, in UTC to the second: {@code 2026-12-05T08:10:00Z}. */
  private static String since(SuspensionRepository.Suspension suspension) {
    return Instant.ofEpochMilli(suspension.sinceMillis())
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private static String state(int count, int limit) {
    return count > limit ? " over-limit" : count == limit ? " at-limit" : "";
  }
}
