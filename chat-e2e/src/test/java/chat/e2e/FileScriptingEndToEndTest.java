package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.Relay;
import chat.server.RelayFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat file send}, {@code chat file get} and {@code chat files} as scripts run them against
 * a real relay: progress on stderr, results on stdout (text or JSON), exit codes, and an offered
 * name that tries to pose as an option and hide its extension saved under a safe one.
 */
class FileScriptingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  @TempDir static Path home;
  static Relay relay;

  @TempDir Path files;
  @TempDir Path downloads;
  private ScriptRunner chat;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    ScriptRunner setup = new ScriptRunner(relay.port(), home);
    assertThat(setup.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(setup.run("register", "--user", "bob").exitCode()).isZero();
    assertThat(setup.run("join", "--user", "alice", "ops").exitCode()).isZero();
    assertThat(setup.run("join", "--user", "bob", "ops").exitCode()).isZero();
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  @BeforeEach
  void runner() {
    chat = new ScriptRunner(relay.port(), home).env("CHAT_DOWNLOAD_DIR", downloads.toString());
  }

  @Test
  void sendListGet_asScripts_printResultsAndProgressAndVerifyTheFile() throws Exception {
    byte[] data = new byte[700_000];
    RelayFixture.RANDOM.nextBytes(data);
    Path report = Files.write(files.resolve("report.pdf"), data);

    ScriptRunner.Result sent =
        chat.run("file", "send", "--user", "alice", report.toString(), "--to", "ops");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).startsWith("sent report.pdf (684 KiB) to #ops as file ");
    assertThat(sent.err()).contains("chat: uploading report.pdf: 0%");
    String fileId = sent.out().strip().substring(sent.out().strip().lastIndexOf(' ') + 1);

    ScriptRunner.Result listed = chat.run("files", "--user", "bob", "--json");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    JsonNode offered =
        parseLines(listed.out()).stream()
            .filter(n -> n.get("fileId").asText().equals(fileId))
            .findFirst()
            .orElseThrow();
    assertThat(offered.get("fileId").asText()).isEqualTo(fileId);
    assertThat(offered.get("state").asText()).isEqualTo("offered");
    assertThat(offered.get("sender").asText()).isEqualTo("alice");

    Path elsewhere = files.resolve("inbox");
    ScriptRunner.Result got =
        chat.run(
            "file", "get", "--user", "bob", fileId.substring(0, 8), "--dir", elsewhere.toString());
    assertThat(got.exitCode()).as(got.err()).isZero();
    Path saved = Path.of(got.out().strip());
    assertThat(saved).isEqualTo(elsewhere.resolve("report.pdf"));
    assertThat(sha256(saved)).isEqualTo(sha256(report));
    assertThat(got.err()).contains("chat: downloading report.pdf: 100%");

    ScriptRunner.Result done = chat.run("files", "--user", "bob");
    assertThat(done.out()).contains("<- " + fileId.substring(0, 8), "from alice in #ops: done: ");
    assertThat(savedAs(chat, fileId)).isEqualTo("as_saved");
    Files.move(saved, files.resolve("moved.pdf"));
    assertThat(savedAs(chat, fileId)).isEqualTo("gone");
    assertThat(chat.run("files", "--user", "bob").out()).contains("(no longer there)");
    Files.write(saved, new byte[] {1, 2, 3});
    assertThat(savedAs(chat, fileId)).isEqualTo("changed");
    Files.move(
        files.resolve("moved.pdf"), saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ScriptRunner.Result again =
        chat.run("file", "get", "--user", "bob", fileId, "--json", "--dir", elsewhere.toString());
    assertThat(parseLines(again.out()).get(0).get("path").asText()).isEqualTo(saved.toString());

    Path other = files.resolve("other");
    ScriptRunner.Result copied =
        chat.run("file", "get", "--user", "bob", fileId, "--dir", other.toString());
    assertThat(copied.exitCode()).as(copied.err()).isZero();
    assertThat(copied.out()).isEqualTo(other.resolve("report.pdf") + "\n");
    assertThat(sha256(other.resolve("report.pdf"))).isEqualTo(sha256(report));
    assertThat(copied.err()).as("not fetched again").doesNotContain("downloading");
    assertThat(saved).exists();

    // back to the first folder: its copy, still as offered, is kept, not copied beside itself
    ScriptRunner.Result back =
        chat.run("file", "get", "--user", "bob", fileId, "--dir", elsewhere.toString());
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.out()).isEqualTo(saved + "\n");
    try (var inFirst = Files.list(elsewhere)) {
      assertThat(inFirst.map(p -> p.getFileName().toString())).containsExactly("report.pdf");
    }
    assertThat(savedAs(chat, fileId)).isEqualTo("as_saved");

    // the copy recorded last is gone: the one still in the other folder is kept, not fetched again
    Files.delete(saved);
    ScriptRunner.Result toOther =
        chat.run("file", "get", "--user", "bob", fileId, "--dir", other.toString());
    assertThat(toOther.exitCode()).as(toOther.err()).isZero();
    assertThat(toOther.out()).isEqualTo(other.resolve("report.pdf") + "\n");
    assertThat(toOther.err()).as("not fetched again").doesNotContain("downloading");
  }

  /** The {@code saved} field of {@code fileId}'s line in {@code chat files --json} for bob. */
  private static String savedAs(ScriptRunner chat, String fileId) throws Exception {
    return parseLines(chat.run("files", "--user", "bob", "--json").out()).stream()
        .filter(n -> n.get("fileId").asText().equals(fileId))
        .findFirst()
        .orElseThrow()
        .get("saved")
        .asText();
  }

  @Test
  void getAgain_jsonWithAPrefix_printsTheFullFileId() throws Exception {
    Path note = Files.writeString(files.resolve("again.txt"), "twice");
    ScriptRunner.Result sent =
        chat.run("--json", "file", "send", "--user", "alice", note.toString(), "--to", "ops");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    String fileId = parseLines(sent.out()).get(0).get("fileId").asText();
    String prefix = fileId.substring(0, 8);
    ScriptRunner.Result first = chat.run("--json", "file", "get", "--user", "bob", prefix);
    assertThat(first.exitCode()).as(first.err()).isZero();

    ScriptRunner.Result again = chat.run("--json", "file", "get", "--user", "bob", prefix);

    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode saved = parseLines(again.out()).get(0);
    assertThat(saved.get("fileId").asText()).isEqualTo(fileId);
    assertThat(saved.get("path").asText())
        .isEqualTo(parseLines(first.out()).get(0).get("path").asText());
  }

  @Test
  void listenCount_aFileOfferCountsAsAMessage() throws Exception {
    Path note = Files.writeString(files.resolve("note.txt"), "hello");
    java.util.concurrent.CompletableFuture<ScriptRunner.Result> listening =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> chat.run("listen", "--user", "bob", "--json", "--count", "1"), OwnThread.EACH);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                listening.isDone()
                    || chat.run("file", "send", "--user", "alice", note.toString(), "--to", "ops")
                            .exitCode()
                        == 0);

    ScriptRunner.Result listened = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isZero();
    long counted =
        listened
            .out()
            .lines()
            .filter(
                line ->
                    line.contains("\"type\":\"file_offer\"")
                        || line.contains("\"type\":\"message\""))
            .count();
    assertThat(counted).isEqualTo(1);
    assertThat(listened.out()).contains("\"type\":\"file_offer\"");
  }

  @Test
  void history_fileOffersAmongTheMessages_listedInPlaceAsListenPrintsThem_andCountTowardN()
      throws Exception {
    List<String> fileIds = new ArrayList<>();
    for (String name : List.of("one.txt", "two.txt", "three.txt")) {
      Path file = Files.writeString(files.resolve(name), "abc");
      ScriptRunner.Result sent =
          chat.run("--json", "file", "send", "--user", "bob", file.toString(), "--to", "@alice");
      assertThat(sent.exitCode()).as(sent.err()).isZero();
      fileIds.add(parseLines(sent.out()).get(0).get("fileId").asText());
    }
    assertThat(chat.run("pm", "--user", "alice", "bob", "private while you were away").exitCode())
        .isZero();

    ScriptRunner.Result text = chat.run("history", "--user", "alice", "@bob", "-n", "4");
    ScriptRunner.Result json = chat.run("history", "--user", "alice", "@bob", "-n", "4", "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out().lines().filter(line -> line.startsWith("[")).toList())
        .hasSize(4)
        .satisfies(
            lines -> {
              for (int i = 0; i < 3; i++) {
                assertThat(lines.get(i))
                    .matches("\\[@bob\\] \\d\\d:\\d\\d:\\d\\d .*")
                    .endsWith(
                        " bob offers "
                            + List.of("one.txt", "two.txt", "three.txt").get(i)
                            + " (3 B): chat file get "
                            + fileIds.get(i).substring(0, 8));
              }
              assertThat(lines.get(3)).endsWith("<alice> private while you were away");
            });
    assertThat(json.exitCode()).as(json.err()).isZero();
    List<JsonNode> lines = parseLines(json.out());
    assertThat(lines)
        .extracting(n -> n.get("type").asText())
        .containsExactly("file_offer", "file_offer", "file_offer", "message");
    assertThat(lines.subList(0, 3)).extracting(n -> n.get("fileId").asText()).isEqualTo(fileIds);
    assertThat(lines.get(0).get("sender").asText()).isEqualTo("bob");
    assertThat(lines.get(0).get("seq").asLong()).isEqualTo(lines.get(3).get("seq").asLong() - 3);

    ScriptRunner.Result got =
        chat.run("file", "get", "--user", "alice", fileIds.get(1).substring(0, 8));
    assertThat(got.exitCode()).as(got.err()).isZero();
    assertThat(Path.of(got.out().strip())).hasContent("abc");
  }

  @Test
  void history_roomWithOnlyAFileOffer_printsTheOffer() throws Exception {
    assertThat(chat.run("join", "--user", "alice", "quiet").exitCode()).isZero();
    assertThat(chat.run("join", "--user", "bob", "quiet").exitCode()).isZero();
    Path file = Files.writeString(files.resolve("only.txt"), "only");
    assertThat(
            chat.run("file", "send", "--user", "bob", file.toString(), "--to", "quiet").exitCode())
        .isZero();

    ScriptRunner.Result history = chat.run("history", "--user", "alice", "quiet");

    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out())
        .containsPattern(
            "\\[#quiet\\] \\d\\d:\\d\\d:\\d\\d -!- bob offers only\\.txt \\(4 B\\): chat file get ");
  }

  @Test
  void get_offeredNameLikeAnOptionWithHiddenExtension_isSavedUnderASafeName() throws Exception {
    Path odd = Files.writeString(files.resolve("--rf \u202Egnp.exe"), "not a picture");
    ScriptRunner.Result sent =
        chat.run("--json", "file", "send", "--user", "alice", odd.toString(), "--to", "#ops");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    String fileId = parseLines(sent.out()).get(0).get("fileId").asText();

    ScriptRunner.Result got = chat.run("file", "get", "--user", "bob", fileId);
    assertThat(got.exitCode()).as(got.err()).isZero();
    assertThat(Path.of(got.out().strip())).isEqualTo(downloads.resolve("rf gnp.exe"));
    assertThat(got.out()).doesNotContain("\u202E");
  }

  @Test
  void failures_mapToExitCodes() throws Exception {
    ScriptRunner.Result missing =
        chat.run(
            "file", "send", "--user", "alice", files.resolve("nope").toString(), "--to", "ops");
    assertThat(missing.exitCode()).isEqualTo(7);
    assertThat(missing.err()).contains("no such file");

    ScriptRunner.Result notMember =
        chat.run("file", "send", "--user", "alice", files.toString(), "--to", "#secret");
    assertThat(notMember.exitCode()).isEqualTo(7);

    Path small = Files.writeString(files.resolve("a.txt"), "a");
    ScriptRunner.Result nowhere =
        chat.run("file", "send", "--user", "alice", small.toString(), "--to", "#secret");
    assertThat(nowhere.exitCode()).isEqualTo(1);
    assertThat(nowhere.err()).contains("you are not in #secret");

    ScriptRunner.Result unknown = chat.run("file", "get", "--user", "bob", "0123abcd");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("no file offer 0123abcd")
        .contains("(chat files lists them)")
        .doesNotContain("/files");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static List<JsonNode> parseLines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }
}
