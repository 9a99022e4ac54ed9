package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.KeptList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientStateTest {
  private static final String SERVER = "localhost:7443";

  @TempDir Path dir;

  /**
   * A cursor moved back (the relay was restored from a backup) is written as moved, not merged up
   * to the file's higher one; the next save merges as before, the higher cursor winning.
   */
  @Test
  void rewind_isSavedOverTheFilesHigherCursor_thenCursorsMergeUpAgain() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.advance("#lobby", 9);
    state.advance("#dev", 4);
    state.save();

    state.rewind("#lobby", 6);
    state.rewind("#dev", 7); // not back: nothing changes
    state.save();

    ClientState again = ClientState.load(file, SERVER);
    assertThat(again.cursor("#lobby")).contains(6L);
    assertThat(again.cursor("#dev")).contains(4L);
    ClientState beside = ClientState.load(file, SERVER);
    beside.advance("#lobby", 8);
    beside.save();
    again.advance("#dev", 5);
    again.save();
    assertThat(ClientState.load(file, SERVER).cursor("#lobby")).contains(8L);
  }

  @Test
  void acceptedIn_givesTheIdsOfOneConversation_byNumber() {
    ClientState state = ClientState.load(dir.resolve("state.json"), SERVER);
    state.accept("aa", "#lobby", 1);
    state.accept("bb", "#dev", 1);
    state.accept("cc", "#lobby", 2);
    state.accept("dd", "#lobby", 2); // the same number again, after a restore: the later one

    assertThat(state.acceptedIn("#lobby")).isEqualTo(Map.of(1L, "aa", 2L, "dd"));
    assertThat(state.acceptedAt("#lobby", 2)).isEqualTo("dd");
    assertThat(state.acceptedAt("#dev", 2)).isNull();
  }

  @Test
  void acceptedOtherAt_onlyWhenAnotherIdIsRememberedUnderTheNumber() {
    ClientState state = ClientState.load(dir.resolve("state.json"), SERVER);
    state.accept("aa", "#lobby", 3);
    state.accept("bb", "#dev", 3);

    assertThat(state.acceptedOtherAt("#lobby", 3, "aa")).as("the one read there").isFalse();
    assertThat(state.acceptedOtherAt("#lobby", 3, "cc")).as("another there").isTrue();
    assertThat(state.acceptedOtherAt("#lobby", 3, "bb")).as("read, elsewhere").isTrue();
    assertThat(state.acceptedOtherAt("#lobby", 4, "cc")).as("none remembered").isFalse();
  }

  /**
   * What a restored relay gives another message under, or no longer has, is kept as seen (a copy
   * that comes again is still told apart) but no longer taken for what the relay holds there, also
   * after a save and a load.
   */
  @Test
  void superseded_numbersTheRelayGaveAnotherMessageOrNoLongerHas_areNoLongerAcceptedThere() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.accept("a2", "#lobby", 2);
    state.accept("a3", "#lobby", 3); // the relay now has "b3" there
    state.accept("a4", "#lobby", 4); // still there
    state.accept("a6", "#lobby", 6); // the relay's newest is 5 now
    state.accept("a9", "#lobby", 9); // above the cursor that was rewound
    state.accept("d3", "#dev", 3);
    Map<Long, String> before = state.acceptedIn("#lobby");
    state.accept("o7", "#lobby", 7); // an own message sent while the relay was read back

    state.superseded("#lobby", before, Map.of(3L, "b3", 4L, "a4"), 5, 8);
    state.save();

    for (ClientState loaded : List.of(state, ClientState.load(file, SERVER))) {
      assertThat(loaded.acceptedIn("#lobby"))
          .isEqualTo(Map.of(2L, "a2", 4L, "a4", 7L, "o7", 9L, "a9"));
      assertThat(loaded.acceptedAt("#lobby", 3)).isNull();
      assertThat(loaded.acceptedOtherAt("#lobby", 3, "b3")).isFalse();
      assertThat(loaded.seen("a3")).contains(new ClientState.Seen("a3", "#lobby", 0));
      assertThat(loaded.seen("a6")).contains(new ClientState.Seen("a6", "#lobby", 0));
      assertThat(loaded.acceptedAt("#dev", 3)).isEqualTo("d3");
    }
  }

  /**
   * A process of the profile that loaded the file before another one found a message superseded
   * does not write the old number back when it saves.
   */
  @Test
  void superseded_byAnotherProcess_standsWhenThisOneSaves() {
    Path file = dir.resolve("state.json");
    ClientState first = ClientState.load(file, SERVER);
    first.accept("a3", "#lobby", 3);
    first.save();
    ClientState beside = ClientState.load(file, SERVER);

    first.superseded("#lobby", Map.of(3L, "a3"), Map.of(3L, "b3"), 3, 3);
    first.save();
    beside.accept("x1", "#dev", 1);
    beside.save();

    ClientState loaded = ClientState.load(file, SERVER);
    assertThat(loaded.seen("a3")).contains(new ClientState.Seen("a3", "#lobby", 0));
    assertThat(loaded.acceptedAt("#lobby", 3)).isNull();
    assertThat(loaded.seen("x1")).isPresent();
  }

  @Test
  void saved_thenLoaded_keepsSessionCursorsAndSeenIds() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.session(new ClientState.Session("alice", "token", 99));
    state.advance("#lobby", 7);
    state.accept("ab".repeat(16), "#lobby", 7);
    state.save();

    ClientState again = ClientState.load(file, SERVER);

    assertThat(again.session()).contains(new ClientState.Session("alice", "token", 99));
    assertThat(again.cursor("#lobby")).contains(7L);
    assertThat(again.seen("ab".repeat(16))).isPresent();
    assertThat(ClientState.load(file, "elsewhere:7443").session()).isEmpty();
  }

  /**
   * A session loaded beside another of the profile ({@code /rekey}) takes what that one saved once
   * it ended: its cursors and accepted ids, so the catch-up shows nothing twice; nothing is
   * written.
   */
  @Test
  void mergeSaved_takesTheCursorsAndIdsAnotherSessionSavedSince_writingNothing() throws Exception {
    Path file = dir.resolve("state.json");
    ClientState old = ClientState.load(file, SERVER);
    old.advance("#lobby", 3);
    old.save();
    ClientState beside = ClientState.load(file, SERVER);
    old.advance("#lobby", 9);
    old.accept("cd".repeat(16), "#lobby", 9);
    old.save();
    byte[] written = Files.readAllBytes(file);

    beside.mergeSaved();

    assertThat(beside.cursor("#lobby")).contains(9L);
    assertThat(beside.seen("cd".repeat(16))).isPresent();
    assertThat(Files.readAllBytes(file)).isEqualTo(written);
  }

  @Test
  void keptList_keptByOneProcess_isTakenByAnotherThatDidNotChangeIt_andSurvivesALoad()
      throws Exception {
    Path file = dir.resolve("state.json");
    ClientState tui = ClientState.load(file, SERVER);
    ClientState script = ClientState.load(file, SERVER);
    KeptList.Unread twoLoud = new KeptList.Unread(2, true, List.of("ab".repeat(16), "not an id"));
    tui.keepList(
        new KeptList(List.of("#lobby", "#zeta", "#lobby", "#dev"), Map.of("#zeta", twoLoud)));
    tui.save();

    script.advance("#dev", 3);
    script.save();

    KeptList expected = new KeptList(List.of("#lobby", "#zeta", "#dev"), Map.of("#zeta", twoLoud));
    assertThat(script.keptList()).isEqualTo(expected);
    assertThat(ClientState.load(file, SERVER).keptList()).isEqualTo(expected);
    assertThat(Files.readString(file))
        .contains(
            "\"unread\":{\"#zeta\":{\"messages\":2,\"loud\":true,\"ids\":[\""
                + "ab".repeat(16)
                + "\"]}}");
    assertThat(ClientState.load(file, "elsewhere:7443").keptList()).isEqualTo(KeptList.NONE);

    Files.writeString(
        file,
        "{\"server\":\""
            + SERVER
            + "\",\"listOrder\":[\"#a\",null,\"#b\"],\"unread\":{\"#a\":null,"
            + "\"#b\":{\"messages\":0,\"loud\":true},\"#c\":{\"messages\":-3},"
            + "\"#d\":{\"messages\":1,\"loud\":false}}}");
    assertThat(ClientState.load(file, SERVER).keptList())
        .as("a count written before ids were kept has none")
        .isEqualTo(new KeptList(List.of("#a", "#b"), Map.of("#d", new KeptList.Unread(1, false))));
  }

  /** A relay's number below 0 is never written, so the file stays readable. */
  @Test
  void advance_belowZero_isNotKept() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);

    state.advance("#a", -5);
    state.advance("#b", 3);
    state.save();

    assertThat(ClientState.load(file, SERVER).cursor("#a")).isEmpty();
    assertThat(ClientState.load(file, SERVER).cursor("#b")).contains(3L);
  }

  /** A cursor or accepted id that cannot be is a damaged file, as text that is not JSON is. */
  @Test
  void load_aNegativeCursorOrAnEmptyAcceptedId_isADamagedFile() throws Exception {
    Path file = dir.resolve("state.json");
    for (String holding :
        List.of(
            "\"cursors\":{\"#team\":-5}",
            "\"cursors\":{\"#team\":null}",
            "\"seen\":[{\"id\":null,\"conversation\":\"#team\",\"seq\":1}]",
            "\"seen\":[null]")) {
      Files.writeString(file, "{\"server\":\"" + SERVER + "\"," + holding + "}");

      assertThatThrownBy(() -> ClientState.load(file, SERVER))
          .as(holding)
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessageContaining("is damaged; move it away");
    }
  }

  /** Another relay's session is named with its user; this relay's, none or a damaged file not. */
  @Test
  void otherRelaysSession_onlyAnotherRelaysStoredSession() throws Exception {
    Path file = dir.resolve("state.json");
    assertThat(ClientState.otherRelaysSession(file, SERVER)).isEmpty();
    ClientState there = ClientState.load(file, "chat.example.org:7443");
    there.session(new ClientState.Session("Alice", "token", 99));
    there.saveNow();

    assertThat(ClientState.otherRelaysSession(file, SERVER))
        .contains(new ClientState.OtherRelay("chat.example.org:7443", "Alice"));
    assertThat(ClientState.otherRelaysSession(file, "CHAT.example.org:7443")).isEmpty();
    there.session(null);
    there.saveNow();
    assertThat(ClientState.otherRelaysSession(file, SERVER)).as("logged out there").isEmpty();
    Files.writeString(file, "{not json");
    assertThat(ClientState.otherRelaysSession(file, SERVER)).isEmpty();
  }

  /**
   * Bytes the JSON reader takes for UTF-32 and cannot decode: damage, not a file it cannot read.
   */
  @Test
  void load_bytesThatDecodeAsNoText_isADamagedFile() throws Exception {
    Path file =
        Files.write(
            dir.resolve("state.json"),
            new byte[] {0, 0, 0, '{', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThatThrownBy(() -> ClientState.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("is damaged; move it away");
  }

  /**
   * A file that cannot be read at all (a folder in its place here; permissions, for a user who is
   * not root) is said so, not called damaged with the advice to move it away.
   */
  @Test
  void load_aFileThatCannotBeRead_saysWhy_notThatItIsDamaged() throws Exception {
    Path file = Files.createDirectory(dir.resolve("state.json"));

    assertThatThrownBy(() -> ClientState.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot read " + file + ": is a directory");
  }

  /** A window whose session another window's password login replaced goes on with the new one. */
  @Test
  void sessionEnded_fileHoldsANewerSessionOfTheUser_takesIt() {
    Path file = dir.resolve("state.json");
    ClientState window = ClientState.load(file, SERVER);
    ClientState.Session old = new ClientState.Session("alice", "old-token", 99);
    window.session(old);
    ClientState.Session newer = new ClientState.Session("Alice", "new-token", 199);
    ClientState.load(file, SERVER).session(newer);

    assertThat(window.sessionEnded(old)).contains(newer);

    assertThat(window.session()).contains(newer);
    assertThat(ClientState.load(file, SERVER).session()).contains(newer);
  }

  @Test
  void sessionEnded_fileStillHoldsIt_forgetsItThereToo() {
    Path file = dir.resolve("state.json");
    ClientState window = ClientState.load(file, SERVER);
    ClientState.Session old = new ClientState.Session("alice", "old-token", 99);
    window.session(old);

    assertThat(window.sessionEnded(old)).isEmpty();

    assertThat(window.session()).isEmpty();
    assertThat(ClientState.load(file, SERVER).session()).isEmpty();
  }

  @Test
  void sessionEnded_fileHoldsAnotherUsersSession_forgetsOnlyItsOwn() {
    Path file = dir.resolve("state.json");
    ClientState window = ClientState.load(file, SERVER);
    ClientState.Session old = new ClientState.Session("alice", "old-token", 99);
    window.session(old);
    ClientState.load(file, SERVER).session(new ClientState.Session("bob", "bob-token", 199));

    assertThat(window.sessionEnded(old)).isEmpty();

    assertThat(window.session()).isEmpty();
    assertThat(ClientState.load(file, SERVER).session())
        .contains(new ClientState.Session("bob", "bob-token", 199));
  }

  /**
   * A window that saves its cursors after another window's login replaced its session (before the
   * relay has ended the old one on it) keeps the newer session in the file, and goes on with its
   * own until the relay ends it; then it takes the newer one.
   */
  @Test
  void saving_afterAnotherWindowsLogin_keepsTheNewerSessionInTheFile() {
    Path file = dir.resolve("state.json");
    ClientState window = ClientState.load(file, SERVER);
    ClientState.Session old = new ClientState.Session("alice", "old-token", 99);
    window.session(old);
    ClientState.Session newer = new ClientState.Session("alice", "new-token", 199);
    ClientState.load(file, SERVER).session(newer);

    window.advance("#lobby", 5);
    assertThat(window.save()).isTrue();

    assertThat(ClientState.load(file, SERVER).session()).contains(newer);
    assertThat(ClientState.load(file, SERVER).cursor("#lobby")).contains(5L);
    assertThat(window.session()).contains(old);
    assertThat(window.sessionEnded(old)).contains(newer);
    assertThat(ClientState.load(file, SERVER).session()).contains(newer);
  }

  /** A logout forgets its own session in the file, not one another window stored since. */
  @Test
  void forgetSession_afterAnotherWindowsLogin_leavesTheNewerSessionInTheFile() {
    Path file = dir.resolve("state.json");
    ClientState window = ClientState.load(file, SERVER);
    window.session(new ClientState.Session("alice", "old-token", 99));
    ClientState.Session newer = new ClientState.Session("alice", "new-token", 199);
    ClientState.load(file, SERVER).session(newer);

    window.forgetSession();
    window.save();

    assertThat(window.session()).isEmpty();
    assertThat(ClientState.load(file, SERVER).session()).contains(newer);
  }

  /** A login stores its session whatever the file held, and a later save keeps it there. */
  @Test
  void login_afterAnotherWindowsLogin_itsSessionIsStored() {
    Path file = dir.resolve("state.json");
    ClientState first = ClientState.load(file, SERVER);
    first.session(new ClientState.Session("alice", "first-token", 99));
    ClientState second = ClientState.load(file, SERVER);
    second.session(new ClientState.Session("alice", "second-token", 199));
    ClientState.Session again = new ClientState.Session("alice", "third-token", 299);

    first.session(again);
    second.advance("#lobby", 1);
    second.save();

    assertThat(ClientState.load(file, SERVER).session()).contains(again);
  }

  /** Two clients of one profile (a TUI and a script) saving at the same moments lose nothing. */
  @Test
  void twoWritersOfOneFile_savingAtOnce_keepEachOthersCursors() throws Exception {
    Path file = dir.resolve("state.json");
    int rounds = 300;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (String conversation : List.of("#a", "#b")) {
        writers.add(
            pool.submit(
                () -> {
                  ClientState mine = ClientState.load(file, SERVER);
                  start.await();
                  for (long seq = 1; seq <= rounds; seq++) {
                    mine.advance(conversation, seq);
                    mine.save();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    ClientState merged = ClientState.load(file, SERVER);
    assertThat(merged.cursor("#a")).contains((long) rounds);
    assertThat(merged.cursor("#b")).contains((long) rounds);
  }

  @Test
  void saveNow_unchangedStateInAFolderThatIsGone_throwsFileAccessNamingTheFile() throws Exception {
    Path profile = java.nio.file.Files.createDirectory(dir.resolve("alice"));
    Path file = profile.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.save(); // nothing changed: nothing written, nothing to fail
    java.nio.file.Files.delete(profile);
    Files.writeString(profile, "not a folder"); // as root, a mode would not stop us

    org.assertj.core.api.Assertions.assertThatThrownBy(state::saveNow)
        .isInstanceOf(chat.cli.CommandException.FileAccess.class)
        .hasMessageStartingWith("cannot write " + file);
  }

  @Test
  void forgetSession_writesNothingUntilSaved() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    state.session(new ClientState.Session("alice", "token", 99));

    state.forgetSession();

    assertThat(ClientState.load(file, SERVER).session()).isPresent();
    state.save();
    assertThat(ClientState.load(file, SERVER).session()).isEmpty();
  }

  /**
   * Two clients of one profile keep each other's pending deletes, and a delete one of them sent is
   * not brought back from the file by its own next save.
   */
  @Test
  void pendingDeletes_twoWriters_unite_andASentOneStaysGone() {
    Path file = dir.resolve("state.json");
    ClientState tui = ClientState.load(file, SERVER);
    ClientState script = ClientState.load(file, SERVER);
    tui.addPendingDelete("aa".repeat(16));
    tui.save();
    script.addPendingDelete("bb".repeat(16));
    script.save();
    assertThat(ClientState.load(file, SERVER).pendingDeletes())
        .containsExactly("aa".repeat(16), "bb".repeat(16));

    script.deleteSent("aa".repeat(16));
    script.save();

    assertThat(ClientState.load(file, SERVER).pendingDeletes()).containsExactly("bb".repeat(16));
    assertThat(ClientState.load(file, "elsewhere:7443").pendingDeletes()).isEmpty();
  }

  @Test
  void unlisted_pastTheMostKept_theLongestUnlistedCursorIsForgotten_alsoInTheFile() {
    Path file = dir.resolve("state.json");
    ClientState state = ClientState.load(file, SERVER);
    int most = ClientState.MAX_UNLISTED_CURSORS;
    for (int i = 0; i <= most; i++) {
      state.advance("@alice+u" + i, 1);
    }
    state.save(); // the file holds them all: they must not come back from it

    for (int i = 0; i <= most; i++) {
      state.unlisted("@alice+u" + i);
    }
    state.save();

    assertThat(state.cursor("@alice+u0")).isEmpty();
    assertThat(state.cursor("@alice+u1")).contains(1L);
    ClientState again = ClientState.load(file, SERVER);
    assertThat(again.cursor("@alice+u0")).isEmpty();
    assertThat(again.cursor("@alice+u" + most)).contains(1L);
  }

  @Test
  void listedAgain_itsCursorIsKept_howeverManyAreUnlistedAfter() {
    ClientState state = ClientState.load(dir.resolve("state.json"), SERVER);
    state.advance("#ops", 5);
    state.unlisted("#ops");
    state.listed("#ops");

    for (int i = 0; i <= ClientState.MAX_UNLISTED_CURSORS; i++) {
      state.advance("#r" + i, 1);
      state.unlisted("#r" + i);
    }

    assertThat(state.cursor("#ops")).contains(5L);
    assertThat(state.cursor("#r0")).isEmpty();
  }

  @Test
  void listedOnly_cursorsOfTheOtherConversations_keptUpToTheMost() {
    ClientState state = ClientState.load(dir.resolve("state.json"), SERVER);
    int most = ClientState.MAX_UNLISTED_CURSORS;
    state.advance("#ops", 5);
    for (int i = 0; i < most + 10; i++) {
      state.advance("#old" + i, 1);
    }

    state.listedOnly(Set.of("#ops"));

    assertThat(state.cursor("#ops")).contains(5L);
    long old = 0;
    for (int i = 0; i < most + 10; i++) {
      old += state.cursor("#old" + i).isPresent() ? 1 : 0;
    }
    assertThat(old).isEqualTo(most);
  }
}
