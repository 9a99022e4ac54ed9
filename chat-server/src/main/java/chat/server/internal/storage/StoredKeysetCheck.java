package chat.server.internal.storage;

import chat.server.internal.storage.MessageRepository.MessageRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The relay's check at start that its at-rest keyset is the one its stored messages were sealed
 * under. A keyset put back from another relay, or from a copy older than the last {@code
 * chat-server keys rotate}, opens none (or none of the newest) of them: without the check the relay
 * started, and history left those messages out with no word to its users.
 */
public final class StoredKeysetCheck {
  private StoredKeysetCheck() {}

  /**
   * Refuses {@code cipher} if it does not hold the key that sealed the newest or the oldest stored
   * message, as the row's key prefix names it. A row damaged since it was stored (no prefix, cut
   * short), one whose envelope cannot be read, or a database that cannot be read, is not this
   * check's to judge: reading them says so.
   *
   * @throws IOException naming {@code keysetFile} and what to do
   */
  public static void requireKeysetOfStore(Database database, AtRestCipher cipher, Path keysetFile)
      throws IOException {
    MessageRepository messages = new MessageRepository(database.envelopes());
    List<MessageRow> ends;
    try {
      ends = database.read(messages::newestAndOldest);
    } catch (SQLException e) {
      return;
    }
    for (int i = 0; i < ends.size(); i++) {
      MessageRow row = ends.get(i);
      byte[] sealed;
      try {
        sealed = messages.sealed(row);
      } catch (IOException e) {
        continue;
      }
      if (cipher.namesAnotherKey(sealed)) {
        throw new IOException(
            keysetFile
                + " does not hold the key that sealed the "
                + (i == 0 ? "newest" : "oldest")
                + " stored message (stored "
                + Instant.ofEpochMilli(row.storedAtMillis()).truncatedTo(ChronoUnit.SECONDS)
                + "): it is another relay's keyset, or a copy from before a chat-server keys"
                + " rotate; put back the keyset this data directory last ran with (a chat-server"
                + " backup holds the two together)");
      }
    }
  }
}
