package chat.cli.client.internal;

import chat.cli.client.KeptList;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The shape of a profile's {@code state.json} ({@link ClientState}): the relay it is for, the
 * session, the cursors, the accepted ids, the uploads to delete and what the list showed. Unknown
 * fields are ignored and absent ones are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StateFile(
    String server,
    ClientState.Session session,
    Map<String, Long> cursors,
    List<ClientState.Seen> seen,
    List<String> pendingDeletes,
    List<String> listOrder,
    Map<String, KeptList.Unread> unread,
    List<String> listed) {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * The file {@code bytes} hold.
   *
   * @throws IOException if they are not such a file (not JSON, or of another shape)
   * @throws IllegalArgumentException if what they hold cannot be (see {@link #checked})
   */
  static StateFile parse(byte[] bytes) throws IOException {
    return checked(parseUnchecked(bytes));
  }

  /**
   * The file {@code bytes} hold, whatever its cursors and accepted ids: enough to tell which relay
   * and user it is for.
   *
   * @throws IOException if they are not such a file (not JSON, or of another shape)
   */
  static StateFile parseUnchecked(byte[] bytes) throws IOException {
    StateFile stored = JSON.readValue(bytes, StateFile.class);
    if (stored == null) {
      throw new IOException("no JSON object");
    }
    return stored;
  }

  /** Its bytes, to write. */
  byte[] bytes() throws IOException {
    return JSON.writeValueAsBytes(this);
  }

  /**
   * {@code stored}, if what it holds can be: cursors and seen numbers of 0 or more.
   *
   * @throws IllegalArgumentException if not (the file is damaged: a hand edit, a disk fault)
   */
  private static StateFile checked(StateFile stored) {
    if (stored.cursors() != null) {
      stored
          .cursors()
          .forEach(
              (conversation, seq) -> {
                if (conversation == null || seq == null || seq < 0) {
                  throw new IllegalArgumentException("a cursor below 0");
                }
              });
    }
    if (stored.seen() != null
        && stored.seen().stream()
            .anyMatch(
                seen ->
                    seen == null
                        || seen.id() == null
                        || seen.conversation() == null
                        || seen.seq() < 0)) {
      throw new IllegalArgumentException("an accepted message that cannot be");
    }
    return stored;
  }

  /** What the list showed, as far as it can be kept ({@link #bounded}). */
  KeptList keptList() {
    return bounded(listOrder, unread);
  }

  /**
   * {@code order} without duplicates and {@code unread} without entries that cannot be (either
   * null: none), each at most {@link ClientState#MAX_LIST_ORDER} long.
   */
  static KeptList bounded(List<String> order, Map<String, KeptList.Unread> unread) {
    List<String> inOrder =
        order == null
            ? List.of()
            : new LinkedHashSet<>(order)
                .stream().filter(Objects::nonNull).limit(ClientState.MAX_LIST_ORDER).toList();
    Map<String, KeptList.Unread> counts = new TreeMap<>();
    if (unread != null) {
      unread.forEach(
          (conversation, count) -> {
            if (conversation != null
                && count != null
                && count.messages() > 0
                && counts.size() < ClientState.MAX_LIST_ORDER) {
              counts.put(conversation, count);
            }
          });
    }
    return new KeptList(inOrder, counts);
  }
}
