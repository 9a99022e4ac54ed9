package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the relay's per-user limits count, read for operator tools ({@code chat-server users}): the
 * conversations each user is in ({@link MemberRepository#countOf}) and the rooms they created that
 * still count ({@link ConversationRepository#createdBy}), the numbers the relay checks a join, a
 * group creation or a first direct message against, the room limit the operator set for a user in
 * place of the relay's ({@link UserLimitRepository}), and whether the operator suspended the
 * account ({@link SuspensionRepository}).
 */
public final class UserCounts {
  /**
   * One account's counts.
   *
   * @param username the account's name as registered
   * @param conversations rooms, groups and direct conversations the user is in
   * @param roomsCreated rooms and groups the user created that still have a member
   * @param ownMaxRooms the rooms and groups the user may create, if the operator set a limit of
   *     their own in place of the relay's
   * @param suspension the account's suspension, if the operator suspended it
   */
  public record Count(
      String username,
      int conversations,
      int roomsCreated,
      OptionalInt ownMaxRooms,
      Optional<SuspensionRepository.Suspension> suspension) {}

  /** Most conversations first, then most rooms created, then by name. */
  private static final Comparator<Count> BUSIEST_FIRST =
      Comparator.comparingInt(Count::conversations)
          .thenComparingInt(Count::roomsCreated)
          .reversed()
          .thenComparing(Count::username);

  private final UserRepository users = new UserRepository();
  private final MemberRepository members = new MemberRepository();
  private final ConversationRepository conversations = new ConversationRepository();
  private final UserLimitRepository limits = new UserLimitRepository();
  private final SuspensionRepository suspensions = new SuspensionRepository();

  /** Every account's counts, most conversations first, then most rooms created, then by name. */
  public List<Count> all(Connection c) throws SQLException {
    Map<String, Integer> in = members.countsByUser(c);
    Map<String, Integer> created = conversations.createdByEach(c);
    Map<String, Integer> own = limits.maxRoomsOfEach(c);
    Map<String, SuspensionRepository.Suspension> suspended = suspensions.all(c);
    List<Count> out = new ArrayList<>();
    users
        .usernames(c)
        .forEach(
            (key, name) ->
                out.add(
                    new Count(
                        name,
                        in.getOrDefault(key, 0),
                        created.getOrDefault(key, 0),
                        own.containsKey(key) ? OptionalInt.of(own.get(key)) : OptionalInt.empty(),
                        Optional.ofNullable(suspended.get(key)))));
    out.sort(BUSIEST_FIRST);
    return out;
  }

  /** The counts of the account {@code userKey} (a lowercase username), if there is one. */
  public Optional<Count> of(Connection c, String userKey) throws SQLException {
    Optional<UserRepository.UserRow> user = users.find(c, userKey);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Count(
            user.get().username(),
            members.countOf(c, userKey),
            conversations.createdBy(c, userKey),
            limits.maxRooms(c, userKey),
            suspensions.find(c, userKey)));
  }
}
