package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FileOffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();
  @TempDir Path dir;

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void send_pathOnly_sendsToTheCurrentConversation() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");

    run("/file send " + file);

    assertThat(context.client.calls).containsExactly("sendFile #lobby " + file);
    assertThat(context.lines)
        .singleElement()
        .asString()
        .startsWith("info: sent notes.txt (1.2 KiB) to #lobby as file ");
  }

  @Test
  void cancel_withOrWithoutAnId_asksTheClient_andSaysWhatStops() {
    context.loggedInAs("alice");

    run("/file cancel");
    run("/file cancel 3f2a");

    assertThat(context.client.calls).containsExactly("cancelFileSend ", "cancelFileSend 3f2a");
    assertThat(context.lines)
        .containsOnly(
            "info: cancelled sending report.pdf: it stops before its next chunk and is deleted"
                + " on the relay");
  }

  @Test
  void send_cancelledByTheSender_isSaidAsDone_notAsAnError() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("big.iso"), "iso");
    context.client.failNext =
        new chat.cli.CommandException.Usage(chat.cli.client.ChatClient.SEND_CANCELLED);

    run("/file send " + file);

    assertThat(context.errors()).isEmpty();
    assertThat(context.lines).containsExactly("info: sending big.iso: stopped: you cancelled it");
  }

  @Test
  void file_aloneOrAVerbWithoutItsArgument_isAUsageError() {
    context.loggedInAs("alice");

    run("/file");
    run("/file accept");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .containsExactly(
            "error: usage: /file send PATH [USER|ROOM] | cancel [ID] | accept ID | reject ID"
                + "  (/help file)",
            "error: usage: /file send PATH [USER|ROOM] | cancel [ID] | accept ID | reject ID"
                + "  (/help file)");
  }

  @Test
  void send_pathWithSpacesAndAUser_sendsPrivately() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("my report.pdf"), "pdf");

    run("/file send " + file + " @bob");

    assertThat(context.client.calls).containsExactly("sendFile @alice+bob " + file);
  }

  /** A file dropped on a terminal arrives quoted, or with its spaces escaped. */
  @Test
  void send_pathQuotedOrEscapedAsATerminalDropsIt_sendsThatFile() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("my doc.txt"), "doc");

    run("/file send '" + file + "'");
    run("/file send \"" + file + "\" @bob");
    run("/file send " + file.toString().replace(" ", "\\ "));

    assertThat(context.errors()).isEmpty();
    assertThat(context.client.calls)
        .containsExactly(
            "sendFile #lobby " + file, "sendFile @alice+bob " + file, "sendFile #lobby " + file);
  }

  @Test
  void send_fileAndAnUnknownBareName_sendsToThatUser_soTheRelaySaysNoSuchUser() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("plan.txt"), "plan");

    run("/file send " + file + " nosuchname");

    assertThat(context.client.calls).containsExactly("sendFile @alice+nosuchname " + file);
  }

  @Test
  void send_fileAndAJoinedRoomsBareName_sendsToTheRoom() throws Exception {
    context.loggedInAs("alice");
    context.client.fireMembership("#team", "alice", true);
    Path file = Files.writeString(dir.resolve("plan.txt"), "plan");

    run("/file send " + file + " team");

    assertThat(context.client.calls).containsExactly("sendFile #team " + file);
  }

  @Test
  void path_tilde_isHomeFromTheEnvironment_asTheDownloadFolderReadsIt_notUserHome() {
    String home = System.getenv("HOME");
    Assumptions.assumeTrue(home != null && !home.isEmpty(), "HOME is set");
    String userHome = System.getProperty("user.home");
    System.setProperty("user.home", dir.toString()); // a JVM told another home than $HOME
    try {
      assertThat(FileCommands.path("~/report.pdf")).isEqualTo(Path.of(home, "report.pdf"));
      assertThat(FileCommands.path("~")).isEqualTo(Path.of(home));
    } finally {
      System.setProperty("user.home", userHome);
    }
  }

  @Test
  void send_pathWithSpacesAndNoTarget_isOneFile() throws Exception {
    context.loggedInAs("alice");
    Path file = Files.writeString(dir.resolve("two words.txt"), "x");

    run("/file send " + file);

    assertThat(context.client.calls).containsExactly("sendFile #lobby " + file);
  }

  @Test
  void send_missingFile_isAnErrorAndNothingIsSent() {
    context.loggedInAs("alice");

    run("/file send " + dir.resolve("nope.bin") + " #lobby");

    assertThat(context.errors()).singleElement().asString().contains("no such file");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void send_missingFileAndARecipient_namesThePathTyped_notTheRecipient() {
    context.loggedInAs("alice");
    context.client.fireMembership("#team", "alice", true);
    Path missing = dir.resolve("nope.bin");

    run("/file send " + missing + " team");

    assertThat(context.errors())
        .containsExactly("error: cannot send " + missing + ": no such file");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void send_missingPathWithSpaces_namesAllOfIt() {
    context.loggedInAs("alice");
    Path missing = dir.resolve("My Documents").resolve("plan.txt");

    run("/file send " + missing);

    assertThat(context.errors())
        .containsExactly("error: cannot send " + missing + ": no such file");
  }

  @Test
  void send_missingPathWhoseFirstWordsAreAFolder_namesAllOfIt() {
    context.loggedInAs("alice");
    run("/file send " + dir + " draft.txt");

    assertThat(context.errors())
        .containsExactly("error: cannot send " + dir + " draft.txt: no such file");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void send_missingFileWithControlCharacters_namesItCleaned() {
    context.loggedInAs("alice");

    run("/file send /tmp/no\u001b[2Jpe.bin");

    assertThat(context.errors()).containsExactly("error: cannot send /tmp/nope.bin: no such file");
  }

  @Test
  void send_aDirectory_saysSoAndNothingIsSent() {
    context.loggedInAs("alice");

    run("/file send " + dir + " #lobby");

    assertThat(context.errors())
        .containsExactly("error: cannot send " + dir + ": it is a directory, not a file");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void send_unreadableFile_saysItCannotBeRead() throws Exception {
    context.loggedInAs("alice");
    Path secret = Files.writeString(dir.resolve("secret.txt"), "x");
    secret.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(secret), "running as root: permissions are not enforced");

    run("/file send " + secret + " #lobby");

    assertThat(context.errors())
        .containsExactly("error: cannot send " + secret + ": permission denied");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void accept_knownOffer_savesAndSaysWhere() {
    context.loggedInAs("bob");
    FileOffer offer = context.client.fireFileOffer("#lobby", "alice", "report.pdf", 2_400_000);

    run("/file accept " + offer.shortId());

    assertThat(context.client.calls).containsExactly("acceptFile " + offer.shortId());
    assertThat(context.lines)
        .containsExactly(
            "info: saved " + Path.of("downloads", "report.pdf") + " (size and SHA-256 verified)");
  }

  @Test
  void accept_stoppedByARejectWhileItRan_isSaidAsDone_notAsAnError() {
    context.loggedInAs("bob");
    FileOffer offer = context.client.fireFileOffer("#lobby", "alice", "unwanted.bin", 4096);
    context.client.failNext =
        new chat.cli.CommandException.Usage(chat.cli.client.ChatClient.DOWNLOAD_REJECTED);

    run("/file accept " + offer.shortId());

    assertThat(context.errors()).isEmpty();
    assertThat(context.lines)
        .containsExactly("info: downloading unwanted.bin: stopped: you rejected it");
  }

  @Test
  void reject_thenFiles_listsTheFileAsRejected() {
    context.loggedInAs("bob");
    FileOffer offer = context.client.fireFileOffer("#lobby", "alice", "report.pdf", 2_400_000);

    run("/file reject " + offer.fileId().substring(0, 5)); // a prefix, named in full
    run("/files");

    assertThat(context.lines)
        .contains(
            "info: rejected report.pdf (file " + offer.shortId() + ")",
            "info:   <- "
                + offer.shortId()
                + "  report.pdf  2.3 MiB  from alice in #lobby: rejected");
  }

  @Test
  void files_offersOfIgnoredUsers_leftOut() {
    context.loggedInAs("bob");
    context.client.fireFileOffer("#lobby", "mallory", "spam.exe", 10);
    FileOffer kept = context.client.fireFileOffer("#lobby", "alice", "report.pdf", 10);
    context.client.ignore("Mallory", true);

    run("/files");

    assertThat(context.lines)
        .anySatisfy(line -> assertThat(line).contains(kept.shortId() + "  report.pdf"))
        .noneSatisfy(line -> assertThat(line).contains("spam.exe"));
  }

  @Test
  void files_nothingYet_saysHowToShare() {
    context.loggedInAs("bob");

    run("/files");

    assertThat(context.lines).singleElement().asString().contains("/file send PATH");
  }

  @Test
  void file_unknownSubcommand_isUsageError() {
    context.loggedInAs("bob");

    run("/file delete 1234");

    assertThat(context.errors()).singleElement().asString().contains("/file send PATH");
  }

  @Test
  void accept_describesTheDownloadByTheFilesName_notTheIdTyped() {
    context.loggedInAs("bob");
    FileOffer offer = context.client.fireFileOffer("#lobby", "alice", "big.bin", 4096);

    run("/file accept " + offer.shortId());

    assertThat(context.longTasks)
        .singleElement()
        .extracting(Supplier::get)
        .isEqualTo("downloading big.bin");
  }

  @Test
  void accept_anIdOfNoOffer_isNotSaidToBeDownloading() {
    context.loggedInAs("bob");

    run("/file accept abcd");

    assertThat(context.longTasks)
        .singleElement()
        .extracting(Supplier::get)
        .isEqualTo("accepting a file");
  }

  @Test
  void runLong_default_runsInlineSoScriptsSeeTheFailure() {
    context.loggedInAs("bob");

    run("/file accept abcd");

    assertThat(context.errors()).singleElement().asString().contains("no file offer abcd");
  }
}
