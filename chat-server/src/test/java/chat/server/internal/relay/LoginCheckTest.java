package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which sessions a login past {@link LoginCheck#MAX_SESSIONS} pushes out. */
class LoginCheckTest {
  private static final int MAX = LoginCheck.MAX_SESSIONS;

  @Test
  void pushedOut_atTheMostOrFewer_none() {
    List<Bytes> sessions = hashes(MAX);

    assertThat(LoginCheck.pushedOut(sessions, sessions.get(0), hash -> false)).isEmpty();
    assertThat(LoginCheck.pushedOut(hashes(1), hash(0), hash -> false)).isEmpty();
  }

  @Test
  void pushedOut_oneOver_theLeastRecentlyUsedThatNoConnectionUses() {
    List<Bytes> newestFirst = hashes(MAX + 1);
    Bytes oldest = newestFirst.get(MAX);
    Bytes secondOldest = newestFirst.get(MAX - 1);

    assertThat(LoginCheck.pushedOut(newestFirst, newestFirst.get(0), hash -> false))
        .containsExactly(oldest);
    assertThat(LoginCheck.pushedOut(newestFirst, newestFirst.get(0), oldest::equals))
        .containsExactly(secondOldest);
  }

  @Test
  void pushedOut_everyOtherInUse_theLeastRecentlyUsed_neverTheOneAdded() {
    List<Bytes> newestFirst = hashes(MAX + 1);
    Bytes added = newestFirst.get(MAX); // a login stored with an older clock reading

    assertThat(LoginCheck.pushedOut(newestFirst, added, hash -> true))
        .containsExactly(newestFirst.get(MAX - 1));
  }

  @Test
  void pushedOut_manyOver_asMany_unusedFirstThenUsed_eachOldestFirst() {
    List<Bytes> newestFirst = hashes(MAX + 3);
    Set<Bytes> used = Set.of(newestFirst.get(MAX + 2), newestFirst.get(MAX + 1), hash(5));

    assertThat(LoginCheck.pushedOut(newestFirst, newestFirst.get(0), used::contains))
        .containsExactly(newestFirst.get(MAX), newestFirst.get(MAX - 1), newestFirst.get(MAX - 2));

    Bytes unused = newestFirst.get(3);
    assertThat(LoginCheck.pushedOut(newestFirst, newestFirst.get(0), hash -> !hash.equals(unused)))
        .containsExactly(unused, newestFirst.get(MAX + 2), newestFirst.get(MAX + 1));
  }

  private static List<Bytes> hashes(int count) {
    List<Bytes> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(hash(i));
    }
    return out;
  }

  private static Bytes hash(int i) {
    byte[] value = new byte[32];
    value[0] = (byte) (i >> 8);
    value[1] = (byte) i;
    return Bytes.of(value);
  }
}
