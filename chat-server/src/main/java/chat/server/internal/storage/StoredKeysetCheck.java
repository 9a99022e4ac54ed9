package chat.server.internal.storage;

import chat.crypto.CryptoException;
import chat.server.internal.storage.MessageRepository.MessageRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The relay's check at start that its at-rest keyset is the one its stored messages were sealed
 * under, and that {@code relay.db} and {@code envelopes/} come from one copy of the data directory.
 * A keyset put back from another relay, or from a copy older than the last {@code chat-server keys
 * rotate}, opens none (or none of the newest) of them: without the check the relay started, and
 * history left those messages out with no word to its users. Another copy's {@code relay.db} beside
 * these envelopes names places in them that hold other messages: without the check the relay cut
 * off the envelopes after the last place it names, and its users' logins failed.
 */
public final class StoredKeysetCheck {
  private StoredKeysetCheck() {}

  /**
   * The check, made as the envelope log is opened and before its recovery changes anything: it
   * refuses {@code cipher} if it does not hold the key that sealed the newest or the oldest stored
   * message, as the row's key prefix names it; and the log if neither of those two messages opens
   * where {@code relay.db} says it lies, when they are two, or when the log goes on past the last
   * envelope {@code relay.db} names (one message alone that does not open is damage, said when it
   * is read). A row whose envelope cannot be read, or a database that cannot be read, is not this
   * check's to judge: reading them says so.
   */
  public static EnvelopeLog.OpeningCheck of(AtRestCipher cipher, Path keysetFile) {
    return (c, log, after) -> require(c, new MessageRepository(log), cipher, keysetFile, after);
  }

  private static void require(
      Connection c,
      MessageRepository messages,
      AtRestCipher cipher,
      Path keysetFile,
      long bytesAfterCommitted)
      throws IOException {
    List<MessageRow> ends;
    try {
      ends = messages.newestAndOldest(c);
    } catch (SQLException e) {
      return;
    }
    int read = 0;
    int opened = 0;
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
                + stored(row)
                + "): it is another relay's keyset, or a copy from before a chat-server keys"
                + " rotate; put back the keyset this data directory last ran with (a chat-server"
                + " backup holds the two together)");
      }
      read++;
      try {
        cipher.open(
            sealed, SqliteMessageStore.rowId(row.conversation(), row.seq(), row.messageId()));
        opened++;
      } catch (CryptoException e) {
        // another message's bytes, or damaged: told below if no end opens
      }
    }
    // One message that does not open is damage the relay starts with, and says when it is read;
    // refused only when two do not, or when the log also goes on past what relay.db names, as
    // another copy's envelopes do.
    if (read > 0 && opened == 0 && (read > 1 || bytesAfterCommitted > 0)) {
      throw new IOException(
          "the newest stored message (stored "
              + stored(ends.get(0))
              + ")"
              + (ends.size() > 1 ? " and the oldest do" : " does")
              + " not open where "
              + Database.FILE_NAME
              + (ends.size() > 1 ? " says they lie in " : " says it lies in ")
              + EnvelopeLog.DIRECTORY
              + "/: "
              + Database.FILE_NAME
              + " and "
              + EnvelopeLog.DIRECTORY
              + "/ come from different copies of the data directory (or are damaged); "
              + EnvelopeLog.DIRECTORY
              + "/ was not changed. Restore the whole data directory from one chat-server"
              + " backup");
    }
  }

  private static Instant stored(MessageRow row) {
    return Instant.ofEpochMilli(row.storedAtMillis()).truncatedTo(ChronoUnit.SECONDS);
  }
}
