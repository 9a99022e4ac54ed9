package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenCommandTest {
  @TempDir Path temp;

  private static String home(String user) {
    return Identities.home(user).toString();
  }

  private static String pub(String user) {
    return Identities.pub(user).toString();
  }

  private static byte[] seal(String from, byte[] message, String... extraArgs) {
    String[] base = {"seal", "--home", home(from)};
    String[] args = new String[base.length + extraArgs.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
    Cli.Result sealed = Cli.withPassphrase().stdin(message).run(args);
    assertThat(sealed.exitCode()).as(sealed.toString()).isZero();
    return sealed.stdout();
  }

  private static Cli.Result open(String as, String from, byte[] envelope) {
    return Cli.withPassphrase()
        .stdin(envelope)
        .run("open", "--home", home(as), "--from", pub(from));
  }

  /** Bob opens alice's envelope from {@code in} to {@code out}. */
  private static Cli.Result openToFile(Path in, Path out, String... more) {
    return openToFile(Cli.withPassphrase(), in, out, more);
  }

  /** As {@link #openToFile(Path, Path, String...)}, run by {@code cli}. */
  private static Cli.Result openToFile(Cli cli, Path in, Path out, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "open",
                "--home",
                home("bob"),
                "--from",
                pub("alice"),
                "--in",
                in.toString(),
                "--out",
                out.toString()));
    arguments.addAll(List.of(more));
    return cli.run(arguments.toArray(String[]::new));
  }

  private static String fingerprintPrefix(String user) {
    return new IdentityHome(Identities.home(user)).bundle().fingerprint().shortForm();
  }

  @Test
  void open_rawText_roundTripsAndReportsSender() {
    byte[] envelope = seal("alice", utf8("hello bob, ünïcödé ✓\n"), "--to", pub("bob"));

    Cli.Result result = open("bob", "alice", envelope);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdoutText()).isEqualTo("hello bob, ünïcödé ✓\n");
    assertThat(result.err())
        .isEqualTo(
            "from alice (fingerprint "
                + fingerprintPrefix("alice")
                + "…), conversation offline, sent 2026-11-22T10:00:00Z\n");
    assertThat(result.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void open_binary_roundTripsRawAndArmored(boolean armored) {
    byte[] message = new byte[70_000];
    new Random(7).nextBytes(message);
    byte[] envelope =
        armored
            ? seal("alice", message, "-a", "--to", pub("bob"))
            : seal("alice", message, "--to", pub("bob"));

    Cli.Result result = open("bob", "alice", envelope);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEqualTo(message);
  }

  /** As age: {@code -} is the standard stream for both, not a file named "-" in the folder. */
  @Test
  void sealAndOpen_dashForInAndOut_areStdinAndStdout() {
    byte[] envelope =
        seal("alice", utf8("through the pipes"), "--to", pub("bob"), "--in", "-", "--out", "-");

    Cli.Result result =
        Cli.withPassphrase()
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", pub("alice"), "--in=-", "--out", "-");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdoutText()).isEqualTo("through the pipes");
    assertThat(Path.of("-")).as("no file named -").doesNotExist();
  }

  /** A binary envelope is not written to a terminal through {@code --out -} either. */
  @Test
  void seal_dashOutToATerminal_isRefusedAsStdoutIs() {
    Cli.Result result =
        Cli.withPassphrase()
            .terminal(true)
            .stdin("hello")
            .run("seal", "--home", home("alice"), "--to", pub("bob"), "--out", "-");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("refusing to write a binary envelope to the terminal");
  }

  @Test
  void open_emptyMessage_roundTrips() {
    Cli.Result result = open("bob", "alice", seal("alice", new byte[0], "--to", pub("bob")));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void open_twoRecipientsAndSender_eachOpens_thirdIsNotRecipient() {
    byte[] envelope =
        seal("alice", utf8("to both"), "-a", "--to", pub("bob"), "--to", pub("carol"));

    for (String reader : new String[] {"bob", "carol", "alice"}) {
      Cli.Result result = open(reader, "alice", envelope);
      assertThat(result.exitCode()).as(reader + "\n" + result).isZero();
      assertThat(result.stdoutText()).isEqualTo("to both");
    }
    Cli.Result outsider = open(Identities.MALLORY, "alice", envelope);
    assertThat(outsider.exitCode()).isEqualTo(6);
    assertThat(outsider.err())
        .startsWith("chat: not a recipient: this envelope was not sealed to \"mal\\u202eyrol\" (")
        .hasLineCount(1);
    assertThat(outsider.prompts()).isEmpty();
    assertThat(outsider.stdout()).isEmpty();
  }

  @Test
  void open_wrongPassphrase_exits2() {
    byte[] envelope = seal("alice", utf8("secret"), "--to", pub("bob"));

    Cli.Result result =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, "wrong")
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", pub("alice"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("chat: wrong passphrase").hasLineCount(1);
    assertThat(result.stdout()).isEmpty();
  }

  @ParameterizedTest(name = "byte {0} from the end")
  @ValueSource(ints = {1, 64, 65, 200})
  void open_tampered_exits6WithBadSignature(int fromEnd) {
    byte[] envelope = seal("alice", utf8("pay 10 euros"), "--to", pub("bob"));
    envelope[envelope.length - fromEnd] ^= 0x01;

    Cli.Result result =
        new Cli().stdin(envelope).run("open", "--home", home("bob"), "--from", pub("alice"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
    assertThat(result.err()).startsWith("chat: bad signature").hasLineCount(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.prompts()).as("checked before asking for the passphrase").isEmpty();
  }

  @Test
  void open_tamperedHeaderTimestamp_exits6() {
    byte[] envelope = seal("alice", utf8("pay 10 euros"), "--to", pub("bob"));
    envelope[1 + 2 + 16 + 7] ^= 0x01; // form, version, suite, message id, last timestamp byte

    Cli.Result result = open("bob", "alice", envelope);

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.err()).startsWith("chat: bad signature");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "-----BEGIN CHAT ENVELOPE-----\n!!!\n", "F"})
  void open_garbage_exits6(String input) {
    Cli.Result result = open("bob", "alice", utf8(input));

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.err()).startsWith("chat: not a chat envelope").hasLineCount(1);
    assertThat(result.prompts()).isEmpty();
  }

  @Test
  void open_randomBytes_exits6() {
    byte[] noise = new byte[5000];
    new Random(1).nextBytes(noise);
    noise[0] = 'F';

    assertThat(open("bob", "alice", noise).exitCode()).isEqualTo(6);
  }

  @Test
  void open_wrongFrom_exits4() {
    byte[] envelope = seal("alice", utf8("hi"), "--to", pub("bob"));

    Cli.Result result = open("bob", "carol", envelope);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.err()).contains("names sender alice", "not the identity in");
  }

  /** Another key under the same name: both are shown whole, since 8 digits could be alike. */
  @Test
  void open_fromTheSameNameWithAnotherKey_exits4_showingBothKeysWhole() throws Exception {
    byte[] envelope = seal("alice", utf8("hi"), "--to", pub("bob"));
    Path otherAlice = temp.resolve("other-alice");
    Cli.Result made =
        Cli.withPassphrase()
            .run("identity", "new", "--home", otherAlice.toString(), "--user", "alice");
    assertThat(made.exitCode()).as(made.toString()).isZero();
    Path otherPub = otherAlice.resolve("identity.pub");

    Cli.Result result =
        Cli.withPassphrase()
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", otherPub.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    String envelopeKey =
        new IdentityHome(Identities.home("alice")).bundle().fingerprint().toDisplayString();
    String fileKey = new IdentityHome(otherAlice).bundle().fingerprint().toDisplayString();
    assertThat(result.err())
        .isEqualTo(
            "chat: the envelope names sender alice with another key than the one in "
                + otherPub
                + ": the envelope's is "
                + envelopeKey
                + ", the file's "
                + fileKey
                + "\n");
  }

  @Test
  void open_missingInput_exits7() {
    Cli.Result result =
        Cli.withPassphrase()
            .run(
                "open",
                "--home",
                home("bob"),
                "--from",
                pub("alice"),
                "--in",
                temp.resolve("missing.env").toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains("no such file");
  }

  @Test
  void open_outFile_isOwnerOnly() throws Exception {
    Path in = temp.resolve("msg.env");
    Files.write(in, seal("alice", utf8("for your eyes"), "-a", "--to", pub("bob")));
    Path out = temp.resolve("msg.txt");

    Cli.Result result = openToFile(in, out);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readString(out)).isEqualTo("for your eyes");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  /** As keys export: an existing file is replaced only with --force, asked before the key. */
  @Test
  void open_outNamingAnExistingFile_isRefusedBeforeAnything_unlessForced() throws Exception {
    Path in = temp.resolve("msg.env");
    Files.write(in, seal("alice", utf8("for your eyes"), "--to", pub("bob")));
    Path out = Files.writeString(temp.resolve("notes.txt"), "my notes");

    Cli.Result refused = openToFile(new Cli(), in, out);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .as("refused before the passphrase, which this run has none of")
        .isEqualTo(
            "chat: "
                + out
                + " already exists; choose another file, or add --force to replace it\n");
    assertThat(Files.readString(out)).isEqualTo("my notes");

    Cli.Result forced = openToFile(in, out, "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(Files.readString(out)).isEqualTo("for your eyes");
  }

  @Test
  void open_outNamingTheInputFile_isRefused_andTheEnvelopeKept() throws Exception {
    Path in = temp.resolve("msg.env");
    byte[] envelope = seal("alice", utf8("keep me sealed"), "-a", "--to", pub("bob"));
    Files.write(in, envelope);
    Path link = temp.resolve(".").resolve("msg.env");

    Cli.Result result = openToFile(in, link);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("--in and --out name the same file (" + link + ")")
        .contains("write it to another file");
    assertThat(Files.readAllBytes(in)).isEqualTo(envelope);
  }

  /**
   * Ids that are not plain are quoted with every character outside printable ASCII escaped: none
   * can turn the line around, hide a character, or pass for the words around it.
   */
  @Test
  void open_remoteStrings_areQuotedAndEscaped() {
    byte[] envelope =
        seal(
            Identities.MALLORY,
            utf8("hi"),
            "--to",
            pub("bob"),
            "--conversation",
            "ops\u202Enoisrevnoc\u2066, sent \"now\"");

    Cli.Result result = open("bob", Identities.MALLORY, envelope);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .startsWith("from \"mal\\u202eyrol\" (fingerprint ")
        .contains("conversation \"ops\\u202enoisrevnoc\\u2066, sent \\\"now\\\"\", sent 20")
        .doesNotContain("\u202E", "\u2066");
  }

  /**
   * An envelope of a private conversation carries its id, {@code @alice+bob}: each party is told
   * the other's name, as every other line does; someone who is no party of it sees the id.
   */
  @Test
  void open_privateConversationId_namedByTheOtherParty_forAParty() {
    byte[] envelope =
        seal(
            "alice",
            utf8("psst"),
            "--to",
            pub("bob"),
            "--to",
            pub("carol"),
            "--conversation",
            "@alice+bob");

    assertThat(open("bob", "alice", envelope).err()).contains("conversation @alice, sent");
    assertThat(open("alice", "alice", envelope).err()).contains("conversation @bob, sent");
    assertThat(open("carol", "alice", envelope).err()).contains("conversation @alice+bob, sent");
  }

  @Test
  void open_conversationGiven_refusesAnEnvelopeOfAnotherBeforeThePassphrase() {
    byte[] envelope =
        seal("alice", utf8("from the room"), "--to", pub("bob"), "--conversation", "#ops");

    Cli.Result refused =
        new Cli()
            .stdin(envelope)
            .run(
                "open", "--home", home("bob"), "--from", pub("alice"), "--conversation", "offline");
    Cli.Result expected =
        Cli.withPassphrase()
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", pub("alice"), "--conversation", "#ops");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
    assertThat(refused.err())
        .isEqualTo(
            "chat: the envelope was sealed for conversation #ops, not offline: nothing was"
                + " opened\n");
    assertThat(refused.stdout()).isEmpty();
    assertThat(expected.exitCode()).as(expected.toString()).isZero();
    assertThat(expected.stdoutText()).isEqualTo("from the room");
  }

  @Test
  void open_toTerminal_stripsEscapeSequencesFromMessage() {
    byte[] envelope =
        seal("alice", utf8("hi\u001b]0;pwned\u0007 \u001b[2Jthere\n"), "-a", "--to", pub("bob"));

    Cli.Result result =
        Cli.withPassphrase()
            .terminal(true)
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", pub("alice"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdoutText()).isEqualTo("hi there\n");
    assertThat(result.err()).contains("control characters");
  }

  @Test
  void open_toPipe_keepsExactBytes() {
    byte[] message = utf8("hi\u001b[2Jthere");

    Cli.Result result = open("bob", "alice", seal("alice", message, "--to", pub("bob")));

    assertThat(result.stdout()).isEqualTo(message);
  }

  @Test
  void open_fromBundleRaw_works() throws Exception {
    IdentityBundle alice = new IdentityHome(Identities.home("alice")).bundle();
    Path raw = Files.write(temp.resolve("alice.bin"), alice.encode());
    byte[] envelope = seal("alice", utf8("raw from"), "--to", pub("bob"));

    Cli.Result result =
        Cli.withPassphrase()
            .stdin(envelope)
            .run("open", "--home", home("bob"), "--from", raw.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Armor.isArmored(Files.readAllBytes(raw))).isFalse();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
